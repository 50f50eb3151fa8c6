import { join } from 'node:path';
import {
  AbortError,
  createHashingEmbedding,
  createVectorStore,
  type FilterNode,
  StoreError,
} from '@embedkit/core';
import { sampleDocuments } from '@embedkit/testing';
import { connect } from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { createLanceDbStore } from './lancedb-store.js';
import { temporaryDirectory } from './lancedb-store.test-helpers.js';
import { LanceDbStoreDriver } from './lancedb-store-driver.js';

const directory = temporaryDirectory('lancedb-behaviour');
const embedding = createHashingEmbedding({ dimensions: 8 });
/** A record for driver-level tests of `dim`-long hand-made vectors. */
const record = (dim: number, metric: 'cosine' | 'ip' | 'l2' = 'cosine') => ({
  embedding: embedding.toConfig(),
  space: embedding.space,
  dim,
  metric,
});
const vector = (...values: number[]) => Float32Array.from(values);

describe('LanceDB store', () => {
  it('keeps the embedding space in the table schema and metadata as LanceDB JSON', async () => {
    const uri = join(directory, 'layout');
    const store = createLanceDbStore({ embedding, uri, collection: 'notes', metric: 'l2' });
    await store.addDocuments([{ id: 'one', text: 'a note', metadata: { page: 3 } }]);
    await store.close();
    const connection = await connect(uri);
    const table = await connection.openTable('notes');
    const schema = await table.schema();
    expect(JSON.parse(schema.metadata.get('embedkit.record')!)).toEqual({
      embedding: embedding.toConfig(),
      space: embedding.space,
      dim: 8,
      metric: 'l2',
    });
    const fields = Object.fromEntries(
      schema.fields.map((field) => [field.name, String(field.type)]),
    );
    expect(fields).toMatchObject({ id: 'Utf8', text: 'Utf8', metadata: 'LargeBinary' });
    expect(fields.vector).toContain('FixedSizeList[8]');
    expect(schema.fields[2]!.metadata.get('ARROW:extension:name')).toBe('lance.json');
    expect((await table.listIndices()).map((index) => index.indexType)).toEqual(['FTS']);
    table.close();
    connection.close();
    const reopened = createLanceDbStore({ embedding, uri, collection: 'notes' });
    try {
      expect(await reopened.ensureCollection()).toMatchObject({ created: false, metric: 'l2' });
      expect(await reopened.get(['one'])).toEqual([
        { id: 'one', text: 'a note', metadata: { page: 3 } },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('maps _distance to scores: 1 − d for cosine and dot, d (already squared) for l2', async () => {
    const driver = new LanceDbStoreDriver({ uri: join(directory, 'scores') });
    try {
      const rows = [
        { id: 'long', text: 'long', metadata: {}, vector: vector(4, 0, 0) },
        { id: 'short', text: 'short', metadata: {}, vector: vector(1, 1, 0) },
        { id: 'opposite', text: 'opposite', metadata: {}, vector: vector(-2, 0, 1) },
      ];
      for (const metric of ['ip', 'l2', 'cosine'] as const) {
        await driver.openCollection({ collection: metric, record: record(3, metric) });
        await driver.upsert(metric, rows);
      }
      const query = vector(2, 0.5, 0);
      const ip = await driver.query('ip', { vector: query, topK: 3 });
      expect(ip.map((hit) => hit.id)).toEqual(['long', 'short', 'opposite']);
      expect(ip.map((hit) => hit.score)).toEqual(
        [8, 2.5, -4].map((value) => expect.closeTo(value, 5)),
      );
      const l2 = await driver.query('l2', { vector: query, topK: 3 });
      expect(l2.map((hit) => hit.id)).toEqual(['short', 'long', 'opposite']);
      expect(l2.map((hit) => hit.score)).toEqual(
        [1.25, 4.25, 17.25].map((value) => expect.closeTo(value, 5)),
      );
      const cosine = await driver.query('cosine', { vector: query, topK: 1 });
      expect(cosine[0]!.score).toBeCloseTo(2 / Math.hypot(2, 0.5), 5);
    } finally {
      await driver.close();
    }
  });

  it('cuts equal scores by id ascending, also at the topK boundary', async () => {
    const driver = new LanceDbStoreDriver({ uri: join(directory, 'ties') });
    try {
      await driver.openCollection({ collection: 'ties', record: record(3) });
      for (const id of ['m', 'b', 'z', 'a', 'q']) {
        await driver.upsert('ties', [{ id, text: id, metadata: {}, vector: vector(1, 1, 0) }]);
      }
      await driver.upsert('ties', [
        { id: 'near', text: 'near', metadata: {}, vector: vector(1, 1, 0.01) },
      ]);
      const query = vector(1, 1, 0.01);
      for (let run = 0; run < 3; run++) {
        expect(
          (await driver.query('ties', { vector: query, topK: 3 })).map((hit) => hit.id),
        ).toEqual(['near', 'a', 'b']);
      }
      expect(
        (await driver.query('ties', { vector: query, topK: 50 })).map((hit) => hit.id),
      ).toEqual(['near', 'a', 'b', 'm', 'q', 'z']);
    } finally {
      await driver.close();
    }
  });

  it('upserts duplicate ids in one call as the last one, and deletes by ids and filter', async () => {
    const driver = new LanceDbStoreDriver({ uri: join(directory, 'upserts') });
    try {
      await driver.openCollection({ collection: 'rows', record: record(3) });
      await driver.upsert('rows', [
        { id: 'x', text: 'first', metadata: { v: 1 }, vector: vector(1, 0, 0) },
        { id: "it's", text: 'quoted id', metadata: { v: 1 }, vector: vector(0, 1, 0) },
        { id: 'x', text: 'second', metadata: { v: 2 }, vector: vector(1, 0, 0) },
      ]);
      expect(await driver.count('rows')).toBe(2);
      expect(await driver.get('rows', ['x', "it's", 'none'])).toEqual([
        { id: 'x', text: 'second', metadata: { v: 2 } },
        { id: "it's", text: 'quoted id', metadata: { v: 1 } },
      ]);
      await driver.delete('rows', { ids: ["it's"] });
      expect(await driver.count('rows')).toBe(1);
      const filter: FilterNode = { type: 'compare', key: 'v', operator: 'gte', value: 2 };
      await driver.delete('rows', { filter });
      expect(await driver.count('rows')).toBe(0);
    } finally {
      await driver.close();
    }
  });

  it('sees other connections’ writes with readConsistencySeconds 0, and not with a long interval', async () => {
    const uri = join(directory, 'consistency');
    const writer = createLanceDbStore({ embedding, uri });
    const strong = createLanceDbStore({ embedding, uri });
    const lazy = createLanceDbStore({ embedding, uri, readConsistencySeconds: 3600 });
    try {
      await writer.addDocuments([{ id: 'first', text: 'first' }]);
      expect(await strong.count()).toBe(1);
      expect(await lazy.count()).toBe(1);
      await writer.addDocuments([{ id: 'second', text: 'second' }]);
      expect(await strong.count()).toBe(2);
      expect(await lazy.count()).toBe(1);
    } finally {
      await Promise.all([writer.close(), strong.close(), lazy.close()]);
    }
  });

  it('runs hybrid search with BM25 on the text index, fused by weights or RRF, filtered on both sides', async () => {
    const store = createLanceDbStore({
      embedding: createHashingEmbedding({ dimensions: 64 }),
      uri: join(directory, 'hybrid'),
    });
    try {
      await store.addDocuments(
        sampleDocuments.map((document, index) => ({ ...document, id: `doc${index}` })),
      );
      const textOnly = await store.hybridSearch('which planet has moons?', {
        topK: 3,
        ranker: { type: 'weighted', dense: 0, sparse: 1 },
      });
      expect(textOnly[0]?.id).toBe('doc6');
      expect(textOnly.slice(1).every((hit) => hit.score === 0)).toBe(true);
      const query = 'sourdough bread flour';
      const dense = await store.search(query, { topK: 20 });
      const [best] = await store.hybridSearch(query, { topK: 1 });
      expect(best?.id).toBe('doc4');
      const denseRank = dense.findIndex((hit) => hit.id === 'doc4') + 1;
      expect(best!.score).toBeCloseTo(1 / 61 + 1 / (60 + denseRank), 12);
      const animals = await store.hybridSearch('bread fox', {
        topK: 10,
        ranker: { type: 'weighted', dense: 0, sparse: 1 },
        filter: { topic: 'animals' },
      });
      expect(animals[0]?.id).toBe('doc2');
      expect(animals.every((hit) => hit.metadata.topic === 'animals')).toBe(true);
      await store.addDocuments([
        { id: 'doc2', text: 'an okapi in the forest', metadata: { topic: 'animals' } },
      ]);
      const replaced = await store.hybridSearch('fox okapi', {
        topK: 10,
        ranker: { type: 'weighted', dense: 0, sparse: 1 },
      });
      expect(replaced.filter((hit) => hit.score > 0).map((hit) => hit.id)).toEqual(['doc2']);
      await expect(store.hybridSearch('"NEAR( -- ?', { topK: 2 })).resolves.toBeInstanceOf(Array);
    } finally {
      await store.close();
    }
  });

  it('uses an injected connection and leaves it open; refuses calls after close and aborted calls', async () => {
    const connection = await connect(join(directory, 'injected'));
    const driver = new LanceDbStoreDriver({ connection });
    const store = createVectorStore({ driver, embedding, closeDriver: false });
    await store.addDocuments([{ id: 'x', text: 'injected' }]);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const aborted = await driver
      .upsert('documents', [{ id: 'y', text: 'y', metadata: {}, vector: new Float32Array(8) }], {
        signal: controller.signal,
      })
      .catch((error: unknown) => error);
    expect(AbortError.isInstance(aborted)).toBe(true);
    expect(await store.count()).toBe(1);
    await driver.close();
    const closed = await store.count().catch((error: unknown) => error);
    expect(StoreError.isInstance(closed)).toBe(true);
    expect((closed as Error).message).toContain('closed');
    expect(connection.isOpen()).toBe(true);
    expect(await connection.tableNames()).toEqual(['documents']);
    connection.close();
  });

  it('flush() adds rows written after the vector index to it', async () => {
    const uri = join(directory, 'flush');
    const driver = new LanceDbStoreDriver({ uri, indexThreshold: 260 });
    const rows = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        id: `r${from + index}`,
        text: `row ${from + index}`,
        metadata: {},
        vector: Float32Array.from({ length: 8 }, (_, slot) => Math.sin((from + index) * 7 + slot)),
      }));
    try {
      await driver.openCollection({ collection: 'rows', record: record(8) });
      await driver.upsert('rows', rows(0, 260));
      await driver.upsert('rows', rows(260, 40));
      const unindexed = async () => {
        const connection = await connect(uri);
        const table = await connection.openTable('rows');
        const stats = await table.indexStats('vector_idx');
        table.close();
        connection.close();
        return stats?.numUnindexedRows;
      };
      expect(await unindexed()).toBe(40);
      expect(
        (await driver.query('rows', { vector: rows(290, 1)[0]!.vector, topK: 1 }))[0]?.id,
      ).toBe('r290');
      await driver.flush('rows');
      expect(await unindexed()).toBe(0);
      expect(
        (await driver.query('rows', { vector: rows(290, 1)[0]!.vector, topK: 1 }))[0]?.id,
      ).toBe('r290');
    } finally {
      await driver.close();
    }
  });
});
