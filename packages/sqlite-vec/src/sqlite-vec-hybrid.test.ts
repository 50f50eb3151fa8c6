import { join } from 'node:path';
import { createHashingEmbedding } from '@embedkit/core';
import { sampleDocuments } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteVecStore, type SqliteVecVectorStore } from './sqlite-vec-store.js';
import { temporaryDirectory } from './sqlite-vec-store.test-helpers.js';

const directory = temporaryDirectory('sqlite-vec-hybrid');
const embedding = createHashingEmbedding({ dimensions: 64 });

describe('sqlite-vec hybrid search', () => {
  let store: SqliteVecVectorStore;
  beforeAll(async () => {
    store = createSqliteVecStore({ embedding, path: join(directory, 'hybrid.sqlite') });
    await store.addDocuments(
      sampleDocuments.map((document, index) => ({ ...document, id: `doc${index}` })),
    );
  });
  afterAll(() => store.close());

  it('ranks by BM25 alone with all weight on the text side, by vectors alone with all on the dense side', async () => {
    const query = 'which planet has moons';
    const textOnly = await store.hybridSearch(query, {
      topK: 3,
      ranker: { type: 'weighted', dense: 0, sparse: 1 },
    });
    // Only the Jupiter document contains "planet" or "moons"; every other hit scores 0 on text.
    expect(textOnly[0]?.id).toBe('doc6');
    expect(textOnly[0]!.score).toBeGreaterThan(0.5);
    expect(textOnly.slice(1).every((hit) => hit.score === 0)).toBe(true);

    const denseOnly = await store.hybridSearch(query, {
      topK: 5,
      ranker: { type: 'weighted', dense: 1, sparse: 0 },
    });
    const dense = await store.search(query, { topK: 5 });
    expect(denseOnly.map((hit) => hit.id)).toEqual(dense.map((hit) => hit.id));
    expect(denseOnly.map((hit) => hit.score)).toEqual(
      dense.map((hit) => expect.closeTo((1 + hit.score) / 2, 10)),
    );
  });

  it('fuses by reciprocal rank with k = 60 by default', async () => {
    const query = 'sourdough bread flour';
    const dense = await store.search(query, { topK: 20 });
    const [best] = await store.hybridSearch(query, { topK: 1 });
    expect(best?.id).toBe('doc4');
    // First on the text side (the only match); its dense rank adds the rest.
    const denseRank = dense.findIndex((hit) => hit.id === 'doc4') + 1;
    expect(best!.score).toBeCloseTo(1 / 61 + 1 / (60 + denseRank), 12);
    const [withK] = await store.hybridSearch(query, { topK: 1, ranker: { type: 'rrf', k: 1 } });
    expect(withK!.score).toBeCloseTo(1 / 2 + 1 / (1 + denseRank), 12);
  });

  it('applies the filter to both sides and takes any text, FTS5 syntax included', async () => {
    const hits = await store.hybridSearch('bread AND fox', {
      topK: 10,
      ranker: { type: 'weighted', dense: 0, sparse: 1 },
      filter: { topic: 'animals' },
    });
    expect(hits.every((hit) => hit.metadata.topic === 'animals')).toBe(true);
    expect(hits[0]?.id).toBe('doc2');
    for (const text of ['"unbalanced', 'NEAR(fox', 'fox* -bees ^', '???', 'colour:red']) {
      await expect(store.hybridSearch(text, { topK: 2 })).resolves.toBeInstanceOf(Array);
    }
  });

  it('keeps the text index in step with upserts and deletes', async () => {
    const local = createSqliteVecStore({
      embedding,
      path: join(directory, 'hybrid.sqlite'),
      collection: 'changing',
    });
    const textHits = (query: string) =>
      local
        .hybridSearch(query, { topK: 5, ranker: { type: 'weighted', dense: 0, sparse: 1 } })
        .then((hits) => hits.filter((hit) => hit.score > 0).map((hit) => hit.id));
    try {
      await local.addDocuments([
        { id: 'x', text: 'zebra stripes' },
        { id: 'y', text: 'giraffe necks' },
      ]);
      expect(await textHits('zebra')).toEqual(['x']);
      await local.addDocuments([{ id: 'x', text: 'okapi forests' }]);
      expect(await textHits('zebra')).toEqual([]);
      expect(await textHits('okapi')).toEqual(['x']);
      await local.delete({ ids: ['x'] });
      expect(await textHits('okapi')).toEqual([]);
      await local.delete({ filter: {} });
      expect(await textHits('giraffe')).toEqual([]);
    } finally {
      await local.close();
    }
  });
});
