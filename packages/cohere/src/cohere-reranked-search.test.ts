import { createHashingEmbedding, InvalidInputError, MemoryVectorStore } from '@embedkit/core';
import { simulatedRelevance } from '@embedkit/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fastRetry, useCohereSimulator } from './cohere.test-helpers.js';
import { createCohereReranker } from './cohere-reranker.js';

const topics = ['cats', 'dogs', 'bees', 'coffee', 'glaciers'] as const;
const documents = topics.flatMap((topic, topicIndex) =>
  Array.from({ length: 7 }, (_, index) => ({
    id: `${topic}-${index}`,
    text: `${topic} note ${index}: ${index % 2 === 0 ? 'why' : 'how'} ${topic} ${['purr', 'sleep', 'dance', 'brew', 'melt', 'move', 'eat'][(index + topicIndex) % 7]} and what that means`,
    metadata: { topic, position: index },
  })),
);

/**
 * Reranked search lives in core's store pipeline (`createVectorStore`), so what holds on the
 * memory store holds on every store; this runs it with a real reranker over HTTP.
 */
describe('store.search with rerank (memory store, Cohere reranker on the simulator)', () => {
  const simulator = useCohereSimulator();
  const store = new MemoryVectorStore({ embedding: createHashingEmbedding({ dimensions: 256 }) });
  const reranker = () =>
    createCohereReranker(
      { baseURL: simulator.current.baseURL, retry: fastRetry },
      { apiKey: simulator.current.apiKey },
    );
  const rerankBodies = () =>
    simulator.current.log
      .filter((entry) => entry.path === '/v2/rerank')
      .map((entry) => entry.body as { query: string; documents: string[] });
  const query = 'why do cats purr';

  beforeAll(async () => {
    await store.addDocuments(documents);
  });
  beforeEach(() => simulator.current.resetStats());

  it('reranks the first stage’s candidates and keeps the best topK with the reranker’s scores', async () => {
    const firstStage = await store.search(query, { topK: 8 });
    const hits = await store.search(query, {
      topK: 3,
      rerank: { reranker: reranker(), candidates: 8 },
    });
    const [body] = rerankBodies();
    expect(rerankBodies()).toHaveLength(1);
    expect(body!.documents).toEqual(firstStage.map((hit) => hit.text));
    const expected = firstStage
      .map((hit) => ({ ...hit, score: simulatedRelevance(query, hit.text) }))
      .sort((left, right) => right.score - left.score)
      .slice(0, 3);
    expect(hits.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
    for (const [position, hit] of hits.entries()) {
      expect(hit.score).toBeCloseTo(expected[position]!.score, 6);
      expect(hit.metadata).toEqual(documents.find((document) => document.id === hit.id)!.metadata);
    }
  });

  it('fetches max(topK × 3, 30) candidates by default, after the filter', async () => {
    await store.search(query, { topK: 5, rerank: { reranker: reranker() } });
    expect(rerankBodies()[0]!.documents).toHaveLength(30);
    simulator.current.resetStats();
    const filtered = await store.search(query, {
      topK: 2,
      filter: { topic: 'bees' },
      rerank: { reranker: reranker() },
    });
    expect(rerankBodies()[0]!.documents).toHaveLength(7);
    expect(filtered.every((hit) => hit.metadata.topic === 'bees')).toBe(true);
  });

  it('refuses what it cannot rerank before any request', async () => {
    const rerank = { reranker: reranker() };
    await expect(
      store.search(query, { topK: 5, rerank: { ...rerank, candidates: 4 } }),
    ).rejects.toThrow(InvalidInputError);
    await expect(store.search(query, { outputFields: ['metadata'], rerank })).rejects.toThrow(
      /needs the hits' text/,
    );
    await expect(store.searchByVector(new Float32Array(256).fill(0.1), { rerank })).rejects.toThrow(
      /no query text/,
    );
    await expect(store.search(query, { rerank: { reranker: {} as never } })).rejects.toThrow(
      InvalidInputError,
    );
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('passes the caller’s abort to the reranker', async () => {
    simulator.current.faults.force('stall');
    const controller = new AbortController();
    const pending = store
      .search(query, { rerank: { reranker: reranker() }, signal: controller.signal })
      .catch((error: unknown) => error);
    while (simulator.current.stats.requests === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
  });
});
