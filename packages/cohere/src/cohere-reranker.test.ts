import { ApiCallError, AuthenticationError, InvalidConfigError } from '@embedkit/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fastRetry, useCohereSimulator } from './cohere.test-helpers.js';
import { createCohereReranker } from './cohere-reranker.js';
import type { CohereRerankerSettings } from './cohere-reranker-settings.js';

const documents = Array.from(
  { length: 9 },
  (_, index) => `document ${index} about cats and purring`,
);

describe('createCohereReranker settings and errors (simulator)', () => {
  const simulator = useCohereSimulator({ latency: { fixedMs: 30 } });
  beforeEach(() => simulator.current.resetStats());
  const reranker = (settings: CohereRerankerSettings = {}, apiKey = simulator.current.apiKey) =>
    createCohereReranker(
      { baseURL: simulator.current.baseURL, retry: fastRetry, ...settings },
      { apiKey },
    );
  const bodies = () =>
    simulator.current.log
      .filter((entry) => entry.path === '/v2/rerank')
      .map((entry) => entry.body as Record<string, unknown>);

  it('sends model, query, documents and top_n only, plus max_tokens_per_doc when set', async () => {
    await reranker().rerank('cats', documents.slice(0, 2));
    expect(bodies()[0]).toEqual({
      model: 'rerank-v3.5',
      query: 'cats',
      documents: documents.slice(0, 2),
      top_n: 2,
    });
    simulator.current.resetStats();
    await reranker({ model: 'rerank-v4.0-fast', maxTokensPerDocument: 512 }).rerank('cats', ['a']);
    expect(bodies()[0]).toMatchObject({ model: 'rerank-v4.0-fast', max_tokens_per_doc: 512 });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    await reranker({ maxDocumentsPerCall: 1, concurrency: 2 }).rerank('cats', documents);
    expect(simulator.current.stats.requests).toBe(documents.length);
    expect(simulator.current.stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(simulator.current.stats.maxInFlight).toBeGreaterThan(1);
  });

  it('fails at once on a bad key or an unknown model, and refuses bad settings', async () => {
    const denied = await reranker({}, 'wrong-key')
      .rerank('cats', ['a'])
      .catch((error: unknown) => error);
    expect(AuthenticationError.isInstance(denied)).toBe(true);
    expect(String((denied as Error).message)).not.toContain('wrong-key');
    const unknown = await reranker({ model: 'rerank-v9' })
      .rerank('cats', ['a'])
      .catch((error: unknown) => error);
    expect(ApiCallError.isInstance(unknown)).toBe(true);
    expect((unknown as ApiCallError).status).toBe(404);
    expect(simulator.current.stats.requests).toBe(2);
    expect(() => createCohereReranker({ maxDocumentsPerCall: 10_001 })).toThrow(InvalidConfigError);
    expect(() => createCohereReranker({ topN: 3 } as never)).toThrow(InvalidConfigError);
  });
});
