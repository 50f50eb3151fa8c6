import {
  createHashingEmbedding,
  createVectorStore,
  type DriverVectorStore,
  fuseHybridHits,
  InvalidInputError,
  NotSupportedError,
  sparseDot,
  sparseVectorFromEntries,
  type VectorStoreDriver,
} from '@embedkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleDocuments } from '../fixtures/sample-documents.js';
import { createWordCountSparseEmbedding } from '../fixtures/word-count-sparse-embedding.js';

/**
 * Sparse vectors in a store, run for every driver: a driver that declares `sparseVectors` must
 * keep them, search them by inner product and take part in hybrid search fused in core; one that
 * does not must be refused clearly by core (`NotSupportedError`), never silently drop them.
 */
export function describeSparseVectorStoreContract(
  name: string,
  createDriver: () => Promise<VectorStoreDriver>,
): void {
  describe(`sparse vectors: ${name}`, () => {
    const embedding = createHashingEmbedding({ dimensions: 64 });
    const sparseEmbedding = createWordCountSparseEmbedding();
    const opened: DriverVectorStore[] = [];
    let counter = 0;
    /** A store with the sparse embedding, or (driver without sparse vectors) one without. */
    const open = async () => {
      const driver = await createDriver();
      const collection = `sparse_${process.pid}_${Date.now()}_${counter++}`;
      const supported = driver.sparseVectors === true;
      const store = createVectorStore({
        driver,
        embedding,
        collection,
        ...(supported ? { sparseEmbedding } : {}),
      });
      opened.push(store);
      return { store, supported };
    };
    afterAll(async () => {
      for (const store of opened) await store.close().catch(() => {});
    });

    it('is refused clearly, or keeps and searches sparse vectors by inner product', async () => {
      const { store, supported } = await open();
      if (!supported) {
        expect(() =>
          createVectorStore({
            driver: store.driver,
            embedding,
            sparseEmbedding,
            collection: 'refused',
          }),
        ).toThrow(NotSupportedError);
        await expect(store.searchBySparseVector(sparseVectorFromEntries([[1, 1]]))).rejects.toThrow(
          NotSupportedError,
        );
        return;
      }
      const ids = await store.addDocuments(sampleDocuments);
      const query = 'vector database search';
      const [vector] = await sparseEmbedding.encodeQueries([query]);
      const documents = await sparseEmbedding.encodeDocuments(
        sampleDocuments.map((document) => document.text),
      );
      const expected = documents
        .map((document, index) => ({ id: ids[index]!, score: sparseDot(vector!, document) }))
        .filter((hit) => hit.score > 0)
        .sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1));
      const hits = await store.searchBySparseVector(vector!, { topK: 50 });
      expect(hits.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
      for (const [rank, hit] of hits.entries()) {
        expect(hit.score).toBeCloseTo(expected[rank]!.score, 4);
      }
      expect(hits[0]!.text).toBe(sampleDocuments[0]!.text);
      const filtered = await store.searchBySparseVector(vector!, {
        filter: { topic: 'databases' },
        topK: 1,
      });
      expect(filtered).toHaveLength(1);
      expect(filtered[0]!.metadata.topic).toBe('databases');
    });

    it('keeps the sparse vectors a caller gives with addVectors, and refuses malformed ones', async () => {
      const { store, supported } = await open();
      const dense = new Float32Array(64);
      dense[0] = 1;
      if (!supported) {
        const sparseVector = sparseVectorFromEntries([[7, 2]]);
        await expect(
          store.addVectors([{ id: 'one', text: 'one', vector: dense, sparseVector }]),
        ).rejects.toThrow(NotSupportedError);
        expect(await store.count()).toBe(0);
        return;
      }
      await store.addVectors([
        {
          id: 'one',
          text: 'one',
          vector: dense,
          sparseVector: sparseVectorFromEntries([
            [7, 2],
            [900_000, 0.5],
          ]),
        },
        { id: 'two', text: 'two', vector: dense, sparseVector: sparseVectorFromEntries([[7, 1]]) },
        { id: 'plain', text: 'no sparse vector', vector: dense },
      ]);
      const hits = await store.searchBySparseVector(
        sparseVectorFromEntries([
          [7, 1],
          [900_000, 4],
        ]),
      );
      expect(hits.map((hit) => [hit.id, hit.score])).toEqual([
        ['one', 4],
        ['two', 1],
      ]);
      const descending = { indices: Uint32Array.from([5, 3]), values: Float32Array.from([1, 1]) };
      await expect(store.searchBySparseVector(descending)).rejects.toThrow(InvalidInputError);
      await expect(
        store.addVectors([{ text: 'bad', vector: dense, sparseVector: descending }]),
      ).rejects.toThrow(InvalidInputError);
    });

    it('fuses the dense and the sparse side in core, by RRF and by weights', async () => {
      const { store, supported } = await open();
      if (!supported) {
        const sparse = sparseVectorFromEntries([[1, 1]]);
        await expect(
          store.hybridSearchByVectors({ dense: new Float32Array(64), sparse }),
        ).rejects.toThrow(NotSupportedError);
        return;
      }
      await store.addDocuments(sampleDocuments);
      const text = 'honey bees and flowers in the meadow';
      const [dense] = await embedding.encodeQueries([text]);
      const [sparse] = await sparseEmbedding.encodeQueries([text]);
      const denseHits = await store.searchByVector(dense!, { topK: 6 });
      const sparseHits = await store.searchBySparseVector(sparse!, { topK: 6 });
      for (const ranker of [
        { type: 'rrf', k: 60 },
        { type: 'weighted', dense: 0.3, sparse: 0.7 },
      ] as const) {
        const fused = await store.hybridSearchByVectors(
          { dense: dense!, sparse: sparse! },
          { topK: 4, candidates: 6, ranker },
        );
        const expected = fuseHybridHits({
          dense: denseHits,
          fullText: sparseHits,
          ranker,
          metric: store.metric,
          topK: 4,
        });
        expect(fused.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
        for (const [rank, hit] of fused.entries())
          expect(hit.score).toBeCloseTo(expected[rank]!.score, 6);
      }
      const sparseOnly = await store.hybridSearchByVectors(
        { dense: dense!, sparse: sparse! },
        { topK: 3, candidates: 6, ranker: { type: 'weighted', dense: 0, sparse: 1 } },
      );
      expect(sparseOnly.map((hit) => hit.id)).toEqual(sparseHits.slice(0, 3).map((hit) => hit.id));
      const byText = await store.hybridSearch(text, { topK: 4, candidates: 6 });
      expect(byText.map((hit) => hit.id)).toEqual(
        fuseHybridHits({
          dense: denseHits,
          fullText: sparseHits,
          ranker: { type: 'rrf' },
          metric: store.metric,
          topK: 4,
        }).map((hit) => hit.id),
      );
      await expect(
        store.hybridSearchByVectors(
          { dense: dense!, sparse: sparse! },
          { ranker: { type: 'rrf', k: -1 } },
        ),
      ).rejects.toThrow(InvalidInputError);
    });
  });
}
