import { join } from 'node:path';
import type { FilterNode } from '@embedkit/core';
import { AbortError, createHashingEmbedding, createVectorStore, StoreError } from '@embedkit/core';
import { describeVectorStoreDriverContract, sampleDocuments } from '@embedkit/testing';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteVecStore } from './sqlite-vec-store.js';
import { temporaryDirectory } from './sqlite-vec-store.test-helpers.js';
import { SqliteVecStoreDriver } from './sqlite-vec-store-driver.js';

const directory = temporaryDirectory('sqlite-vec-store');

describeVectorStoreDriverContract('sqlite-vec driver on a SQLite file', () => ({
  createDriver: () => new SqliteVecStoreDriver({ path: join(directory, 'contract.sqlite') }),
}));

/** A record for driver-level tests of `dim`-long hand-made vectors. */
const record = (dim: number, metric: 'cosine' | 'ip' | 'l2' = 'cosine') => {
  const embedding = createHashingEmbedding({ dimensions: 8 });
  return { embedding: embedding.toConfig(), space: embedding.space, dim, metric };
};
const vector = (...values: number[]) => Float32Array.from(values);

describe('sqlite-vec store', () => {
  it('keeps rows, the FTS5 index and the embedding space in the file, in WAL mode', async () => {
    const path = join(directory, 'layout.sqlite');
    const embedding = createHashingEmbedding({ dimensions: 24 });
    const store = createSqliteVecStore({ embedding, path, collection: 'notes', metric: 'l2' });
    await store.addDocuments([{ id: 'one', text: 'a note', metadata: { page: 3 } }]);
    await store.close();

    const database = new BetterSqlite3(path, { readonly: true });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      const stored = database
        .prepare('SELECT record FROM embedkit_collections WHERE name = ?')
        .get('notes') as { record: string };
      expect(JSON.parse(stored.record)).toEqual({
        embedding: embedding.toConfig(),
        space: embedding.space,
        dim: 24,
        metric: 'l2',
      });
      const row = database
        .prepare('SELECT id, text, metadata, length(vector) AS bytes FROM notes')
        .get();
      expect(row).toEqual({ id: 'one', text: 'a note', metadata: '{"page":3}', bytes: 24 * 4 });
      const tables = database
        .prepare(
          `SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'notes%' ORDER BY name`,
        )
        .all()
        .map((table) => (table as { name: string }).name);
      expect(tables).toContain('notes__embedkit_fts');
    } finally {
      database.close();
    }
    const reopened = createSqliteVecStore({ embedding, path, collection: 'notes' });
    try {
      expect(await reopened.ensureCollection()).toMatchObject({ created: false, metric: 'l2' });
      expect(await reopened.get(['one'])).toEqual([
        { id: 'one', text: 'a note', metadata: { page: 3 } },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('orders equal scores by id ascending under every metric, and topK past the count returns all', async () => {
    for (const metric of ['cosine', 'ip', 'l2'] as const) {
      const driver = new SqliteVecStoreDriver({ path: join(directory, 'ties.sqlite') });
      const collection = `ties_${metric}`;
      try {
        await driver.openCollection({ collection, record: record(3, metric) });
        await driver.upsert(
          collection,
          ['m', 'b', 'z', 'a'].map((id) => ({
            id,
            text: id,
            metadata: {},
            vector: vector(1, 1, 0),
          })),
        );
        await driver.upsert(collection, [
          { id: 'far', text: 'far', metadata: {}, vector: vector(-1, 0, 0) },
        ]);
        const hits = await driver.query(collection, { vector: vector(1, 1, 0), topK: 100 });
        expect(hits.map((hit) => hit.id)).toEqual(['a', 'b', 'm', 'z', 'far']);
      } finally {
        await driver.close();
      }
    }
  });

  it('scores ip as the inner product of unnormalised vectors and l2 as the squared distance', async () => {
    const driver = new SqliteVecStoreDriver({ path: join(directory, 'scores.sqlite') });
    try {
      await driver.openCollection({ collection: 'ip', record: record(3, 'ip') });
      await driver.openCollection({ collection: 'l2', record: record(3, 'l2') });
      const rows = [
        { id: 'long', text: 'long', metadata: {}, vector: vector(4, 0, 0) },
        { id: 'short', text: 'short', metadata: {}, vector: vector(1, 1, 0) },
        { id: 'opposite', text: 'opposite', metadata: {}, vector: vector(-2, 0, 1) },
      ];
      await driver.upsert('ip', rows);
      await driver.upsert('l2', rows);
      const ip = await driver.query('ip', { vector: vector(2, 0.5, 0), topK: 3 });
      expect(ip.map((hit) => [hit.id, hit.score])).toEqual([
        ['long', 8],
        ['short', 2.5],
        ['opposite', -4],
      ]);
      const l2 = await driver.query('l2', { vector: vector(2, 0.5, 0), topK: 3 });
      expect(l2.map((hit) => hit.id)).toEqual(['short', 'long', 'opposite']);
      expect(l2.map((hit) => hit.score)).toEqual([
        expect.closeTo(1.25, 5),
        expect.closeTo(4.25, 5),
        expect.closeTo(17.25, 5),
      ]);
    } finally {
      await driver.close();
    }
  });

  it('returns the true nearest rows among those a filter keeps, however few they are', async () => {
    const driver = new SqliteVecStoreDriver({ path: join(directory, 'filtered.sqlite') });
    try {
      await driver.openCollection({ collection: 'many', record: record(4) });
      const rows = Array.from({ length: 600 }, (_, index) => ({
        id: `row${String(index).padStart(3, '0')}`,
        text: `row ${index}`,
        metadata: { group: index % 100, odd: index % 2 === 1 },
        vector: vector(Math.cos(index), Math.sin(index), index / 600, 1),
      }));
      await driver.upsert('many', rows);
      const query = vector(1, 0, 0.5, 1);
      const filter: FilterNode = {
        type: 'and',
        filters: [
          { type: 'member', key: 'group', operator: 'in', values: [7, 42, 99] },
          { type: 'compare', key: 'odd', operator: 'eq', value: true },
        ],
      };
      const hits = await driver.query('many', {
        vector: query,
        topK: 4,
        filter,
      });
      const cosine = (row: (typeof rows)[number]) => {
        const dot = row.vector.reduce((sum, value, index) => sum + value * query[index]!, 0);
        const norm = (values: Float32Array) => Math.hypot(...values);
        return dot / (norm(row.vector) * norm(query));
      };
      const expected = rows
        .filter((row) => [7, 42, 99].includes(row.metadata.group) && row.metadata.odd)
        .sort((left, right) => cosine(right) - cosine(left))
        .slice(0, 4);
      expect(hits.map((hit) => hit.id)).toEqual(expected.map((row) => row.id));
      expect(hits[0]!.score).toBeCloseTo(cosine(expected[0]!), 5);
    } finally {
      await driver.close();
    }
  });

  it('takes any collection name, quoting it, and keeps collections apart', async () => {
    const embedding = createHashingEmbedding({ dimensions: 16 });
    const path = join(directory, 'names.sqlite');
    const odd = createSqliteVecStore({ embedding, path, collection: `my "docs"; it's -- here` });
    const plain = createSqliteVecStore({ embedding, path, collection: 'docs' });
    try {
      await odd.addDocuments(sampleDocuments.slice(0, 3));
      await plain.addDocuments(sampleDocuments.slice(0, 1));
      expect(await odd.count()).toBe(3);
      expect(await plain.count()).toBe(1);
      const [hit] = await odd.hybridSearch('red fox meadow', { topK: 1 });
      expect(hit?.text).toBe(sampleDocuments[2].text);
    } finally {
      await odd.close();
      await plain.close();
    }
  });

  it('uses an injected database and leaves it open on close', async () => {
    const database = new BetterSqlite3(join(directory, 'injected.sqlite'));
    const store = createSqliteVecStore({
      embedding: createHashingEmbedding({ dimensions: 8 }),
      database,
    });
    await store.addDocuments([{ id: 'x', text: 'injected' }]);
    await store.close();
    expect(database.open).toBe(true);
    expect(database.prepare('SELECT count(*) AS count FROM documents').get()).toEqual({ count: 1 });
    database.close();
  });

  it('refuses calls after close and aborted calls, writing nothing', async () => {
    const driver = new SqliteVecStoreDriver({ path: join(directory, 'closed.sqlite') });
    const store = createVectorStore({
      driver,
      embedding: createHashingEmbedding({ dimensions: 8 }),
      closeDriver: false,
    });
    await store.ensureCollection();
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const aborted = await driver
      .upsert('documents', [{ id: 'x', text: 'x', metadata: {}, vector: new Float32Array(8) }], {
        signal: controller.signal,
      })
      .catch((error: unknown) => error);
    expect(AbortError.isInstance(aborted)).toBe(true);
    expect(await store.count()).toBe(0);
    const unopened = await driver.count('never_opened').catch((error: unknown) => error);
    expect((unopened as Error).message).toContain('openCollection');
    await driver.close();
    const closed = await store.count().catch((error: unknown) => error);
    expect(StoreError.isInstance(closed)).toBe(true);
    expect((closed as Error).message).toContain('closed');
  });
});
