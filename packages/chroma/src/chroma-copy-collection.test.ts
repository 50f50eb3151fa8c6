import { copyCollection, createHashingEmbedding, MemoryVectorStore } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { testStores } from './chroma-store.test-helpers.js';

describe('copyCollection to and from Chroma', () => {
  const open = testStores();

  for (const metric of ['cosine', 'l2'] as const) {
    it(`moves a ${metric} collection memory → Chroma → memory with vectors bit for bit, resumably`, async () => {
      const embedding = createHashingEmbedding({ dimensions: 32 });
      const origin = new MemoryVectorStore({ embedding, metric });
      const documents = Array.from({ length: 120 }, (_, index) => ({
        id: `doc-${index}`,
        text: `document ${index} about topic ${index % 7}`,
        metadata: { index, topic: index % 7, nested: { even: index % 2 === 0 }, none: null },
      }));
      await origin.addDocuments(documents);
      const chroma = open({ embedding, metric });
      expect(await copyCollection(origin, chroma, { batchSize: 50 })).toEqual({
        copied: 120,
        skipped: 0,
        total: 120,
      });
      const back = new MemoryVectorStore({ embedding, metric });
      await back.addDocuments(documents.slice(0, 10));
      expect(await copyCollection(chroma, back, { batchSize: 35 })).toEqual({
        copied: 110,
        skipped: 10,
        total: 120,
      });
      const ids = documents.map((document) => document.id);
      const before = await origin.driver.getRows!(origin.collection, ids);
      const after = await back.driver.getRows!(back.collection, ids);
      expect(after.map(({ id, text, metadata }) => ({ id, text, metadata }))).toEqual(
        before.map(({ id, text, metadata }) => ({ id, text, metadata })),
      );
      for (const [index, row] of after.entries()) {
        expect(Array.from(new Uint32Array(row.vector.buffer))).toEqual(
          Array.from(new Uint32Array(before[index]!.vector.buffer)),
        );
      }
    });
  }
});
