import { join } from 'node:path';
import {
  createHashingEmbedding,
  DimensionMismatchError,
  InvalidConfigError,
  NotSupportedError,
} from '@embedkit/core';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSqliteVecStore } from './sqlite-vec-store.js';
import { temporaryDirectory } from './sqlite-vec-store.test-helpers.js';

const directory = temporaryDirectory('sqlite-vec-foreign');
const path = join(directory, 'foreign.sqlite');
const embedding = createHashingEmbedding({ dimensions: 8 });
const fields = { id: 'doc_id', vector: 'embedding', text: 'body', metadata: 'meta' };

const articles = [
  { id: 'a1', text: 'rivers carry water to the sea', meta: { lang: 'en', year: 2020 } },
  { id: 'a2', text: 'mountains are tall and cold', meta: { lang: 'en', year: 2023 } },
  { id: 'a3', text: 'die Wüste ist trocken', meta: { lang: 'de', year: 2021 } },
];

describe('sqlite-vec store on a table embedkit did not create', () => {
  beforeAll(async () => {
    // Made by another tool with SQLite's own client: JSON-text vectors, its own column names.
    const vectors = await embedding.encodeDocuments(articles.map((article) => article.text));
    const database = new BetterSqlite3(path);
    database.exec(
      'CREATE TABLE articles (doc_id TEXT, body TEXT, embedding TEXT, meta TEXT, extra INTEGER)',
    );
    const insert = database.prepare('INSERT INTO articles VALUES (?, ?, ?, ?, 7)');
    articles.forEach((article, index) => {
      insert.run(
        article.id,
        article.text,
        JSON.stringify(Array.from(vectors[index]!)),
        JSON.stringify(article.meta),
      );
    });
    database.close();
  });

  it('names the missing fields, the table and the columns it found', async () => {
    const store = createSqliteVecStore({ embedding, path, collection: 'articles' });
    try {
      const error = await store.count().catch((caught: unknown) => caught);
      expect(InvalidConfigError.isInstance(error)).toBe(true);
      const { issues, message } = error as InvalidConfigError;
      expect(issues.map((issue) => issue.path)).toEqual([
        'fields.id',
        'fields.vector',
        'fields.text',
        'fields.metadata',
      ]);
      expect(message).toContain('table "articles"');
      expect(message).toContain('"doc_id", "body", "embedding", "meta", "extra"');
    } finally {
      await store.close();
    }
  });

  it('searches, filters, reads, writes and deletes through a field mapping', async () => {
    const store = createSqliteVecStore({ embedding, path, collection: 'articles', fields });
    try {
      expect(await store.ensureCollection()).toMatchObject({ created: false, dim: 8 });
      expect(await store.count()).toBe(3);
      const [first] = await store.search('rivers carry water to the sea', { topK: 1 });
      expect(first).toMatchObject({ id: 'a1', metadata: { lang: 'en', year: 2020 } });
      expect(first!.score).toBeCloseTo(1, 5);
      const recent = await store.search('anything', { filter: { year: { gte: 2021 } } });
      expect(recent.map((hit) => hit.id).sort()).toEqual(['a2', 'a3']);
      expect(await store.get(['a3'])).toEqual([
        { id: 'a3', text: 'die Wüste ist trocken', metadata: { lang: 'de', year: 2021 } },
      ]);

      await store.addDocuments([
        { id: 'a2', text: 'mountains are very tall', metadata: { lang: 'en', year: 2024 } },
        { id: 'a4', text: 'forests are green', metadata: { lang: 'en', year: 2024 } },
      ]);
      expect(await store.count()).toBe(4);
      expect((await store.get(['a2']))[0]?.text).toBe('mountains are very tall');
      await store.delete({ filter: { lang: 'de' } });
      await store.delete({ ids: ['a4'] });
      expect((await store.search('x', { topK: 10 })).map((hit) => hit.id).sort()).toEqual([
        'a1',
        'a2',
      ]);
      const hybrid = await store.hybridSearch('rivers').catch((caught: unknown) => caught);
      expect(NotSupportedError.isInstance(hybrid)).toBe(true);
      expect((hybrid as Error).message).toContain('full-text index');
    } finally {
      await store.close();
    }
    const database = new BetterSqlite3(path, { readonly: true });
    try {
      // No record was written for it: it stays the other tool's table, with its own columns.
      const record = database
        .prepare(`SELECT 1 FROM embedkit_collections WHERE name = 'articles'`)
        .get();
      expect(record).toBeUndefined();
      expect(database.prepare('SELECT extra FROM articles WHERE doc_id = ?').get('a1')).toEqual({
        extra: 7,
      });
    } finally {
      database.close();
    }
  });

  it('reads integer ids as strings and finds rows by them', async () => {
    const database = new BetterSqlite3(path);
    const [vector] = await embedding.encodeDocuments(['numbered row']);
    database.exec(
      'CREATE TABLE numbered (id INTEGER PRIMARY KEY, text TEXT, vector BLOB, metadata TEXT)',
    );
    database
      .prepare('INSERT INTO numbered VALUES (42, ?, ?, ?)')
      .run('numbered row', Buffer.from(vector!.buffer), '{"n":1}');
    database.close();
    const store = createSqliteVecStore({ embedding, path, collection: 'numbered' });
    try {
      const [hit] = await store.search('numbered row', { topK: 1, filter: { n: 1 } });
      expect(hit).toMatchObject({ id: '42', text: 'numbered row' });
      expect(await store.get(['42'])).toEqual([
        { id: '42', text: 'numbered row', metadata: { n: 1 } },
      ]);
      await store.delete({ ids: ['42'] });
      expect(await store.count()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('checks the dimension of its vectors against the store’s embedding', async () => {
    const store = createSqliteVecStore({
      embedding: createHashingEmbedding({ dimensions: 16 }),
      path,
      collection: 'articles',
      fields,
    });
    try {
      const error = await store.search('rivers').catch((caught: unknown) => caught);
      expect(DimensionMismatchError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('8');
    } finally {
      await store.close();
    }
  });

  it('creates new collections with the mapped column names', async () => {
    const store = createSqliteVecStore({ embedding, path, collection: 'mapped', fields });
    try {
      await store.addDocuments([{ id: 'm1', text: 'mapped columns', metadata: { k: 1 } }]);
      expect((await store.hybridSearch('mapped', { topK: 1 }))[0]?.id).toBe('m1');
    } finally {
      await store.close();
    }
    const database = new BetterSqlite3(path, { readonly: true });
    try {
      expect(database.prepare('SELECT doc_id, body, meta FROM mapped').get()).toEqual({
        doc_id: 'm1',
        body: 'mapped columns',
        meta: '{"k":1}',
      });
    } finally {
      database.close();
    }
    // Its record keeps the columns, so a store opened with the default fields still reads it.
    const plain = createSqliteVecStore({ embedding, path, collection: 'mapped' });
    try {
      expect(await plain.get(['m1'])).toEqual([
        { id: 'm1', text: 'mapped columns', metadata: { k: 1 } },
      ]);
    } finally {
      await plain.close();
    }
  });
});
