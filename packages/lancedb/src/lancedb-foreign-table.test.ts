import { join } from 'node:path';
import {
  createHashingEmbedding,
  DimensionMismatchError,
  InvalidConfigError,
  InvalidInputError,
  NotSupportedError,
} from '@embedkit/core';
import { connect, Index } from '@lancedb/lancedb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLanceDbStore } from './lancedb-store.js';
import { temporaryDirectory } from './lancedb-store.test-helpers.js';

const directory = temporaryDirectory('lancedb-foreign');
const uri = join(directory, 'foreign');
const embedding = createHashingEmbedding({ dimensions: 8 });
const fields = { id: 'doc_id', vector: 'embedding', text: 'body', metadata: 'meta' };
const articles = [
  { id: 'a1', text: 'rivers carry water to the sea', meta: { lang: 'en' } },
  { id: 'a2', text: 'mountains are tall and cold', meta: { lang: 'en' } },
  { id: 'a3', text: 'die Wüste ist trocken', meta: { lang: 'de' } },
];

describe('LanceDB store on a table embedkit did not create', () => {
  beforeAll(async () => {
    // Made by another tool with LanceDB's own client: plain rows, its own column names.
    const vectors = await embedding.encodeDocuments(articles.map((article) => article.text));
    const connection = await connect(uri);
    const table = await connection.createTable(
      'articles',
      articles.map((article, index) => ({
        doc_id: article.id,
        body: article.text,
        embedding: Array.from(vectors[index]!),
        meta: JSON.stringify(article.meta),
      })),
    );
    table.close();
    connection.close();
  });

  it('names the missing fields, the table and the columns it found', async () => {
    const store = createLanceDbStore({ embedding, uri, collection: 'articles' });
    try {
      const error = await store.count().catch((caught: unknown) => caught);
      expect(InvalidConfigError.isInstance(error)).toBe(true);
      expect((error as InvalidConfigError).issues.map((issue) => issue.path)).toEqual([
        'fields.id',
        'fields.vector',
        'fields.text',
        'fields.metadata',
      ]);
      expect((error as Error).message).toContain('table "articles" (not created by embedkit)');
      expect((error as Error).message).toContain('"doc_id", "body", "embedding", "meta"');
    } finally {
      await store.close();
    }
  });

  it('searches, reads, writes and deletes through a field mapping; refuses filters on text metadata', async () => {
    const store = createLanceDbStore({ embedding, uri, collection: 'articles', fields });
    try {
      expect(await store.ensureCollection()).toMatchObject({ created: false, dim: 8 });
      const [first] = await store.search('rivers carry water to the sea', { topK: 1 });
      expect(first).toMatchObject({ id: 'a1', metadata: { lang: 'en' } });
      expect(first!.score).toBeCloseTo(1, 5);
      const filtered = await store
        .search('rivers', { filter: { lang: 'de' } })
        .catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(filtered)).toBe(true);
      expect((filtered as Error).message).toContain('"meta"');
      await store.addDocuments([
        { id: 'a2', text: 'mountains are very tall', metadata: { lang: 'en' } },
        { id: 'a4', text: 'forests are green', metadata: { lang: 'en' } },
      ]);
      expect(await store.count()).toBe(4);
      expect(await store.get(['a2'])).toEqual([
        { id: 'a2', text: 'mountains are very tall', metadata: { lang: 'en' } },
      ]);
      await store.delete({ ids: ['a4', 'a3'] });
      expect(await store.count()).toBe(2);
      const hybrid = await store.hybridSearch('rivers').catch((caught: unknown) => caught);
      expect(NotSupportedError.isInstance(hybrid)).toBe(true);
    } finally {
      await store.close();
    }
    const connection = await connect(uri);
    const table = await connection.openTable('articles');
    // Still the other tool's table: no record was added to its schema.
    expect((await table.schema()).metadata.has('embedkit.record')).toBe(false);
    await table.createIndex('body', { config: Index.fts() });
    table.close();
    connection.close();
    const withIndex = createLanceDbStore({ embedding, uri, collection: 'articles', fields });
    try {
      const [hit] = await withIndex.hybridSearch('rivers', { topK: 1 });
      expect(hit?.id).toBe('a1');
    } finally {
      await withIndex.close();
    }
  });

  it('searches a foreign table with the distance type of its vector index', async () => {
    const connection = await connect(uri);
    const vectors = await embedding.encodeDocuments(articles.map((article) => article.text));
    const table = await connection.createTable(
      'indexed',
      Array.from({ length: 300 }, (_, index) => ({
        doc_id: `i${index}`,
        body: `indexed ${index}`,
        embedding: Array.from(vectors[index % 3]!, (value) => value * (1 + index / 100)),
        meta: '{}',
      })),
    );
    await table.createIndex('embedding', {
      config: Index.ivfFlat({ distanceType: 'dot', numPartitions: 2 }),
    });
    table.close();
    connection.close();
    const store = createLanceDbStore({ embedding, uri, collection: 'indexed', fields });
    try {
      expect(await store.ensureCollection()).toMatchObject({ metric: 'ip', created: false });
      const [best] = await store.searchByVector(vectors[0]!, { topK: 1 });
      // The inner product grows with the vector's length: the longest copy of vector 0 wins.
      expect(best?.id).toBe('i297');
    } finally {
      await store.close();
    }
    const cosine = createLanceDbStore({
      embedding,
      uri,
      collection: 'indexed',
      fields,
      metric: 'cosine',
    });
    try {
      const error = await cosine.count().catch((caught: unknown) => caught);
      expect(InvalidConfigError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('indexed with the ip metric');
    } finally {
      await cosine.close();
    }
  });

  it('checks the dimension of its vector column against the store’s embedding', async () => {
    const store = createLanceDbStore({
      embedding: createHashingEmbedding({ dimensions: 16 }),
      uri,
      collection: 'articles',
      fields,
    });
    try {
      const error = await store.search('rivers').catch((caught: unknown) => caught);
      expect(DimensionMismatchError.isInstance(error)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
