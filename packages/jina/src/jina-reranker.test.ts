import { AuthenticationError, InvalidConfigError } from '@embedkit/core';
import { simulatedRelevance } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJinaReranker } from './jina-reranker.js';
import { fastRetry, useJinaSimulator } from './simulator.test-helpers.js';

const documents = [
  'The stock market fell sharply today.',
  'Cats sleep most of the day and purr.',
  'Why cats purr: a guide for owners.',
  'Dogs bark at the mail carrier.',
  'Recipes for cat food at home.',
];

describe('jina reranker', () => {
  const simulator = useJinaSimulator({ shuffle: true, maxRerankDocuments: 2 });
  beforeEach(() => simulator.current.resetStats());
  const reranker = ({
    apiKey,
    ...settings
  }: Parameters<typeof createJinaReranker>[0] & { apiKey?: string } = {}) =>
    createJinaReranker(
      { baseURL: simulator.current.baseURL, retry: fastRetry, ...settings },
      { apiKey: apiKey ?? simulator.current.apiKey },
    );

  it('returns documents sorted by score, batching beyond one request', async () => {
    const results = await reranker({ maxDocumentsPerCall: 2 }).rerank(
      'why do cats purr',
      documents,
      { topN: 3 },
    );
    const expected = documents
      .map((document, index) => ({
        index,
        score: simulatedRelevance('why do cats purr', document),
        document,
      }))
      .sort((left, right) => right.score - left.score)
      .slice(0, 3);
    expect(results).toEqual(expected);
    expect(simulator.current.stats.requests).toBe(3);
    const body = simulator.current.log[0]!.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'documents',
      'model',
      'query',
      'return_documents',
      'top_n',
    ]);
  });

  it('fails at once on a bad key and refuses bad settings', async () => {
    const error = await reranker({ apiKey: `jina_${'z'.repeat(60)}` })
      .rerank('q', ['d'])
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(simulator.current.stats.requests).toBe(1);
    expect(() => createJinaReranker({ maxDocumentsPerCall: 0 })).toThrow(InvalidConfigError);
  });
});
