import { ApiCallError, InvalidConfigError } from '@embedkit/core';
import { simulatedTEIRerankScore, startTEISimulator, type TEISimulator } from '@embedkit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fastRetry } from './tei.test-helpers.js';
import { createTEIReranker } from './tei-reranker.js';
import type { TEIRerankerSettings } from './tei-reranker-settings.js';

const query = 'why do cats purr';
const documents = Array.from({ length: 6 }, (_, index) => `note ${index}: cats purr ${index}`);

describe('createTEIReranker settings and errors (simulator)', () => {
  let simulator: TEISimulator | undefined;
  afterEach(async () => simulator?.close());
  const reranker = (settings: Partial<TEIRerankerSettings> = {}) =>
    createTEIReranker({
      baseURL: simulator!.url,
      model: 'BAAI/bge-reranker-base',
      retry: fastRetry,
      ...settings,
    });
  const bodies = () =>
    simulator!.log
      .filter((entry) => entry.path === '/rerank')
      .map((entry) => entry.body as Record<string, unknown>);

  it('sends query and texts, and truncate, truncation_direction, raw_scores when set', async () => {
    simulator = await startTEISimulator({ modelType: 'reranker' });
    await reranker().rerank(query, documents.slice(0, 2));
    expect(bodies()[0]).toEqual({ query, texts: documents.slice(0, 2) });
    await reranker({ truncate: true, truncationDirection: 'left', rawScores: true }).rerank(query, [
      'a',
    ]);
    expect(bodies()[1]).toEqual({
      query,
      texts: ['a'],
      truncate: true,
      truncation_direction: 'left',
      raw_scores: true,
    });
  });

  it('rawScores returns the logits: same order, unbounded scores', async () => {
    simulator = await startTEISimulator({ modelType: 'reranker' });
    const probabilities = await reranker().rerank(query, documents);
    const logits = await reranker({ rawScores: true }).rerank(query, documents);
    expect(logits.map((result) => result.index)).toEqual(
      probabilities.map((result) => result.index),
    );
    for (const result of logits) {
      expect(result.score).toBeCloseTo(
        simulatedTEIRerankScore(query, documents[result.index]!, true),
        9,
      );
    }
    expect(probabilities.every((result) => result.score > 0 && result.score < 1)).toBe(true);
  });

  it('halves batches a server with a lower max_client_batch_size refuses, and reports its tokens', async () => {
    simulator = await startTEISimulator({ modelType: 'reranker', maxClientBatchSize: 2 });
    const { results, usage } = await reranker({ maxDocumentsPerCall: 8 }).rerankWithUsage(
      query,
      documents,
    );
    expect(results).toHaveLength(documents.length);
    expect(simulator.stats.statuses[422]).toBeGreaterThan(0);
    expect(Math.max(...bodies().map((body) => (body.texts as string[]).length))).toBe(6);
    expect(usage.tokens).toBe(simulator.stats.tokens);
  });

  it('fails at once against a server that serves an embedding model, and refuses bad settings', async () => {
    simulator = await startTEISimulator();
    const error = await reranker()
      .rerank(query, documents)
      .catch((caught: unknown) => caught);
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).status).toBe(424);
    expect(simulator.stats.requests).toBe(1);
    expect(() => createTEIReranker({} as never)).toThrow(InvalidConfigError);
    expect(() => createTEIReranker({ model: 'm', maxDocumentsPerCall: 0 })).toThrow(
      InvalidConfigError,
    );
  });
});
