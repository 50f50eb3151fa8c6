import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createHashingEmbedding,
  createSparseRegistry,
  fuseHybridHits,
  MemoryVectorStore,
} from '@embedkit/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBm25 } from './bm25-embedding.js';
import { bm25Provider } from './bm25-provider.js';

const folder = mkdtempSync(join(tmpdir(), 'embedkit-bm25-readme-'));
const start = process.cwd();
afterEach(() => process.chdir(start));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('README', () => {
  it('quick start runs: fit, save, a store with a sparse embedding, hybrid search', async () => {
    process.chdir(folder);
    const corpus = [
      'Honey bees dance to tell the hive where the flowers are.',
      'A glacier looks blue because thick ice absorbs red light.',
      'Wolves hunt in packs across the frozen winter valley.',
    ];
    const bm25 = createBm25().fit(corpus);
    bm25.save('bm25.json');
    const store = new MemoryVectorStore({
      embedding: createHashingEmbedding({ dimensions: 384 }),
      sparseEmbedding: createBm25({ path: 'bm25.json' }),
    });
    await store.addDocuments(corpus.map((text) => ({ text })));
    const [best] = await store.hybridSearch('why is glacier ice blue?', { topK: 1 });

    expect(best?.text).toBe(corpus[1]);
    expect(JSON.parse(readFileSync('bm25.json', 'utf8')).corpus_size).toBe(3);
    await store.close();
  });

  it("hybridSearch(text) is the dense and the sparse side fused by core's fuseHybridHits", async () => {
    const corpus = [
      'Honey bees dance to tell the hive where the flowers are.',
      'Bees carry pollen from flower to flower all summer.',
      'A glacier looks blue because thick ice absorbs red light.',
      'Wolves hunt in packs across the frozen winter valley.',
      'The hive keeps its honey in wax cells.',
    ];
    const embedding = createHashingEmbedding({ dimensions: 64 });
    const sparseEmbedding = createBm25().fit(corpus);
    const store = new MemoryVectorStore({ embedding, sparseEmbedding });
    await store.addDocuments(corpus.map((text, index) => ({ id: `d${index}`, text })));
    const text = 'honey in the hive';
    const [dense] = await embedding.encodeQueries([text]);
    const [sparse] = await sparseEmbedding.encodeQueries([text]);
    const denseHits = await store.searchByVector(dense!, { topK: 5 });
    const sparseHits = await store.searchBySparseVector(sparse!, { topK: 5 });
    // BM25 finds only the documents with the query's terms; the dense side ranks all five.
    expect(sparseHits.map((hit) => hit.id).sort()).toEqual(['d0', 'd4']);
    const ranker = { type: 'weighted', dense: 0.2, sparse: 0.8 } as const;
    const fused = await store.hybridSearch(text, { topK: 3, candidates: 5, ranker });
    expect(fused.map((hit) => hit.id)).toEqual(
      fuseHybridHits({
        dense: denseHits,
        fullText: sparseHits,
        ranker,
        metric: store.metric,
        topK: 3,
      }).map((hit) => hit.id),
    );
    expect(
      fused
        .slice(0, 2)
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['d0', 'd4']);
    await store.close();
  });

  it('a config rebuilds the function through the sparse registry', async () => {
    const bm25 = createBm25({ extraStopWords: ['bees'] }).fit([
      'Honey bees dance.',
      'Ice is blue.',
    ]);
    const rebuilt = createSparseRegistry([bm25Provider]).fromConfig(bm25.toConfig());
    expect(rebuilt.model).toBe('bm25-en-custom');
    expect(await rebuilt.encodeQueries(['honey bees'])).toEqual(
      await bm25.encodeQueries(['honey bees']),
    );
  });
});
