import { describe, expect, it } from 'vitest';
import { createHashingEmbedding } from '../hashing/create-hashing-embedding.js';
import { createReranker } from '../rerank/create-reranker.js';
import type { SparseEmbeddingFunction } from '../sparse/sparse-embedding-function.js';
import { sparseVectorFromEntries } from '../sparse/sparse-vector.js';
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

/** One index per distinct word length: enough overlap for the sparse side to find every text. */
const byWordLength = (text: string) =>
  sparseVectorFromEntries(
    [...new Set(text.split(' ').map((word) => word.length))].map((length) => [length, 1]),
  );
const wordLengthSparse: SparseEmbeddingFunction = {
  provider: 'word-length',
  model: 'word-length',
  dim: 64,
  encodeDocuments: async (texts) => texts.map(byWordLength),
  encodeQueries: async (texts) => texts.map(byWordLength),
  toConfig: () => ({ provider: 'word-length', model: 'word-length', dim: 64 }),
};

describe('hybridSearch with a sparseEmbedding and rerank', () => {
  const lengthReranker = (seen: number[]) =>
    createReranker({
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

  it('fuses `candidates` hits in core, then reranks them to topK', async () => {
    const store = createVectorStore({
      driver: new MemoryStoreDriver(),
      embedding: createHashingEmbedding(),
      sparseEmbedding: wordLengthSparse,
    });
    await store.addDocuments(
      ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff'].map((text) => ({ text: `${text} text` })),
    );
    const seen: number[] = [];
    const hits = await store.hybridSearch('text', {
      topK: 2,
      rerank: { reranker: lengthReranker(seen), candidates: 5 },
    });
    expect(seen).toEqual([5]);
    const fused = await store.hybridSearch('text', { topK: 5 });
    const longest = fused.map((hit) => hit.text).sort((a, b) => b.length - a.length);
    expect(hits.map((hit) => hit.text)).toEqual(longest.slice(0, 2));
    expect(hits.map((hit) => hit.score)).toEqual(longest.slice(0, 2).map((text) => text.length));
  });

  it('refuses rerank on the by-vector searches, which have no query text', async () => {
    const store = createVectorStore({
      driver: new MemoryStoreDriver(),
      embedding: createHashingEmbedding(),
      sparseEmbedding: wordLengthSparse,
    });
    await store.addDocuments([{ text: 'a text' }]);
    const [sparse] = await wordLengthSparse.encodeQueries(['text']);
    const [dense] = await createHashingEmbedding().encodeQueries(['text']);
    const rerank = { reranker: lengthReranker([]), candidates: 5 };
    await expect(store.searchBySparseVector!(sparse!, { rerank })).rejects.toThrow(
      /searchBySparseVector has no query text .* use search\(query, \{ rerank \}\)/,
    );
    await expect(
      store.hybridSearchByVectors!({ dense: dense!, sparse: sparse! }, { rerank }),
    ).rejects.toThrow(/hybridSearchByVectors has no query text .* use hybridSearch\(query/);
  });
});
