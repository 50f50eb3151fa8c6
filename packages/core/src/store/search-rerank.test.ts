import { describe, expect, it } from 'vitest';
import { createHashingEmbedding } from '../hashing/create-hashing-embedding.js';
import { createReranker } from '../rerank/create-reranker.js';
import { createVectorStore } from './create-vector-store.js';
import { MemoryStoreDriver } from './memory-store-driver.js';
import type { HybridDriverQuery } from './vector-store-driver.js';

/** A memory driver with a "hybrid" side that answers the dense hits, to reach hybridSearch. */
class HybridMemoryDriver extends MemoryStoreDriver {
  readonly hybridCalls: HybridDriverQuery[] = [];
  async hybridQuery(collection: string, query: HybridDriverQuery) {
    this.hybridCalls.push(query);
    return this.query(collection, query);
  }
}

describe('hybridSearch with rerank', () => {
  it('asks the engine for `candidates` fused hits and reranks them to topK', async () => {
    const driver = new HybridMemoryDriver();
    const store = createVectorStore({ driver, embedding: createHashingEmbedding() });
    await store.addDocuments(
      ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff'].map((text) => ({ text: `${text} text` })),
    );
    const seen: number[] = [];
    const reranker = createReranker({
      provider: 'length',
      model: 'by-length',
      limits: { maxInputsPerCall: 100, supportsParallelCalls: true, concurrency: 1 },
      settings: {},
      rerankBatch: async ({ documents }) => {
        seen.push(documents.length);
        return {
          results: documents.map((document, index) => ({ index, score: document.length })),
        };
      },
    });
    const hits = await store.hybridSearch('text', {
      topK: 2,
      rerank: { reranker, candidates: 5 },
    });
    expect(driver.hybridCalls[0]!.topK).toBe(5);
    expect(seen).toEqual([5]);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(hits[0]!.text.length).toBe(hits[0]!.score);
  });
});
