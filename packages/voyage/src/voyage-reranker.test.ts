import { estimateTokens, InvalidConfigError } from '@embedkit/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fastRetry, useVoyageSimulator } from './voyage.test-helpers.js';
import { createVoyageReranker } from './voyage-reranker.js';
import type { VoyageRerankerSettings } from './voyage-reranker-settings.js';

const documents = Array.from({ length: 6 }, (_, index) => `passage ${index} on why cats purr`);

describe('createVoyageReranker settings and usage (simulator)', () => {
  const simulator = useVoyageSimulator();
  beforeEach(() => simulator.current.resetStats());
  const reranker = (settings: VoyageRerankerSettings = {}) =>
    createVoyageReranker(
      { baseURL: simulator.current.baseURL, retry: fastRetry, ...settings },
      { apiKey: simulator.current.apiKey },
    );
  const bodies = () =>
    simulator.current.log
      .filter((entry) => entry.path === '/v1/rerank')
      .map((entry) => entry.body as Record<string, unknown>);

  it('sends model, query and documents, and truncation only when set', async () => {
    await reranker().rerank('cats', documents.slice(0, 2));
    expect(bodies()[0]).toEqual({
      model: 'rerank-2.5',
      query: 'cats',
      documents: documents.slice(0, 2),
    });
    simulator.current.resetStats();
    await reranker({ model: 'rerank-2-lite', truncation: false }).rerank('cats', ['a']);
    expect(bodies()[0]).toMatchObject({ model: 'rerank-2-lite', truncation: false });
  });

  it('truncation: false makes an over-long query fail instead of being cut', async () => {
    const long = 'word '.repeat(2500);
    expect(await reranker({ model: 'rerank-2-lite' }).rerank(long, ['a'])).toHaveLength(1);
    await expect(
      reranker({ model: 'rerank-2-lite', truncation: false }).rerank(long, ['a']),
    ).rejects.toThrow(/2000-token limit/);
  });

  it('packs requests under maxTokensPerCall, counting the query once per document', async () => {
    const query = 'why do cats purr';
    const pair = estimateTokens(query) + estimateTokens(documents[0]!);
    await reranker({ maxTokensPerCall: pair * 2 }).rerank(query, documents);
    expect(bodies().map((body) => (body.documents as string[]).length)).toEqual([2, 2, 2]);
  });

  it('reports the tokens Voyage bills from usage.total_tokens', async () => {
    const { usage } = await reranker().rerankWithUsage('cats', documents);
    expect(usage.tokens).toBeGreaterThan(0);
    expect(usage.tokens).toBe(simulator.current.stats.tokens);
    expect(() => createVoyageReranker({ maxDocumentsPerCall: 1001 })).toThrow(InvalidConfigError);
  });
});
