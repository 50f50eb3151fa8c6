import {
  checkSparseVector,
  type Registry,
  type SparseEmbeddingFunction,
  sparseDot,
} from '@embedkit/core';
import { describe, expect, it } from 'vitest';

export interface SparseEmbeddingFunctionContractSetup {
  /** The function under test, ready to encode (fitted, for BM25). */
  create(): Promise<SparseEmbeddingFunction> | SparseEmbeddingFunction;
  /** Three or more documents on distinct topics; the function must have been fitted on them if it fits. */
  documents: readonly string[];
  /** A registry with the function's definition, to check that `toConfig()` rebuilds an equal one. */
  registry?: Registry<SparseEmbeddingFunction>;
}

/**
 * What every `SparseEmbeddingFunction` promises: well-formed sparse vectors (ascending indices
 * below `dim`, finite values) in input order, documents and queries in one index space so a
 * document scores highest for a query made of its own words, abort honoured, and a config that
 * rebuilds a function encoding the same vectors.
 */
export function describeSparseEmbeddingFunctionContract(
  name: string,
  setup: () => Promise<SparseEmbeddingFunctionContractSetup> | SparseEmbeddingFunctionContractSetup,
): void {
  describe(`SparseEmbeddingFunction contract: ${name}`, () => {
    it('returns one well-formed sparse vector per text, in input order', async () => {
      const { create, documents } = await setup();
      const embedding = await create();
      const vectors = await embedding.encodeDocuments(documents);
      expect(vectors).toHaveLength(documents.length);
      for (const [index, vector] of vectors.entries()) {
        checkSparseVector(vector, { dim: embedding.dim, index });
        expect(vector.indices.length).toBeGreaterThan(0);
      }
      const reversed = await embedding.encodeDocuments([...documents].reverse());
      expect(reversed.reverse()).toEqual(vectors);
      expect(await embedding.encodeDocuments([])).toEqual([]);
    });

    it("scores every document highest for a query made of the document's own words", async () => {
      const { create, documents } = await setup();
      const embedding = await create();
      const vectors = await embedding.encodeDocuments(documents);
      const queries = await embedding.encodeQueries(documents);
      for (const [index, query] of queries.entries()) {
        checkSparseVector(query, { dim: embedding.dim, index });
        const scores = vectors.map((vector) => sparseDot(query, vector));
        expect(scores.indexOf(Math.max(...scores)), documents[index]).toBe(index);
      }
    });

    it('stops when its signal is aborted', async () => {
      const { create, documents } = await setup();
      const embedding = await create();
      const controller = new AbortController();
      controller.abort();
      await expect(
        embedding.encodeQueries(documents, { signal: controller.signal }),
      ).rejects.toMatchObject({ code: 'ABORTED' });
    });

    it('describes itself with a secret-free config that rebuilds the same vectors', async () => {
      const { create, documents, registry } = await setup();
      const embedding = await create();
      const config = embedding.toConfig();
      expect(config).toMatchObject({
        provider: embedding.provider,
        model: embedding.model,
        dim: embedding.dim,
      });
      expect(JSON.parse(JSON.stringify(config))).toEqual(config);
      if (registry) {
        const rebuilt = registry.fromConfig(config);
        expect(await rebuilt.encodeDocuments(documents)).toEqual(
          await embedding.encodeDocuments(documents),
        );
        expect(rebuilt.toConfig()).toEqual(config);
      }
    });
  });
}
