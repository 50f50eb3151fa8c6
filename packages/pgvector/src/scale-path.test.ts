import { copyCollection, createHashingEmbedding } from '@embedkit/core';
import { sampleDocuments } from '@embedkit/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPgvectorStore } from './pgvector-store.js';
import { pgliteDirectory, uniqueCollection } from './pgvector-store.test-helpers.js';

describe('scaling past one machine: PGlite to PostgreSQL', () => {
  const embedding = createHashingEmbedding({ dimensions: 64 });
  const collection = uniqueCollection('moved');
  const source = createPgvectorStore({
    embedding,
    collection,
    path: pgliteDirectory('embedkit-pglite-scale-'),
  });
  const target = createPgvectorStore({
    embedding,
    collection,
    connectionString: inject('postgresUrl'),
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('copies a collection without re-embedding and finds the same hits on the server', async () => {
    await source.addDocuments(sampleDocuments);
    const progress = await copyCollection(source, target, { batchSize: 3 });
    expect(progress).toMatchObject({
      copied: sampleDocuments.length,
      total: sampleDocuments.length,
    });
    expect(await target.count()).toBe(sampleDocuments.length);
    for (const query of ['vector databases', 'animals in the wild']) {
      const before = await source.search(query, { topK: 3 });
      const after = await target.search(query, { topK: 3 });
      expect(after.map((hit) => hit.id)).toEqual(before.map((hit) => hit.id));
      for (const [index, hit] of after.entries()) {
        expect(hit.score).toBeCloseTo(before[index]!.score, 6);
      }
    }
    // Re-running skips what is there.
    expect((await copyCollection(source, target)).skipped).toBe(sampleDocuments.length);
  });
});
