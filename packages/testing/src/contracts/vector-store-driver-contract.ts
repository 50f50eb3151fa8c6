import {
  type CollectionRecord,
  createHashingEmbedding,
  createVectorStore,
  type VectorMetric,
  type VectorStoreDriver,
} from '@embedkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSparseVectorStoreContract } from './sparse-vector-store-contract.js';
import { describeVectorStoreContract } from './vector-store-contract.js';

export interface VectorStoreDriverContractSetup {
  /**
   * A driver on the engine under test. Called several times: drivers made by one setup must see
   * the same collections (one engine, one database), as separate processes would.
   */
  createDriver(): Promise<VectorStoreDriver> | VectorStoreDriver;
  teardown?: () => Promise<void>;
  /** See `VectorStoreContractSetup.refusedFilterCases`. */
  refusedFilterCases?: readonly string[];
}

/**
 * Everything a store package must pass: the whole `VectorStore` contract through
 * `createVectorStore` on this driver, plus what a driver itself promises (the record kept with a
 * collection, scores per metric, replacement by id, fields left out on request).
 */
export function describeVectorStoreDriverContract(
  name: string,
  setup: () => Promise<VectorStoreDriverContractSetup> | VectorStoreDriverContractSetup,
): void {
  let context: VectorStoreDriverContractSetup | undefined;
  const drivers: VectorStoreDriver[] = [];
  const driver = async () => {
    context ??= await setup();
    const created = await context.createDriver();
    drivers.push(created);
    return created;
  };

  describeVectorStoreContract(name, async () => {
    context ??= await setup();
    return {
      createStore: async ({ embedding, collection }) =>
        createVectorStore({ driver: await driver(), embedding, collection }),
      ...(context.refusedFilterCases ? { refusedFilterCases: context.refusedFilterCases } : {}),
    };
  });

  describeSparseVectorStoreContract(name, async () => driver());

  describe(`VectorStoreDriver contract: ${name}`, () => {
    const embedding = createHashingEmbedding({ dimensions: 8 });
    let counter = 0;
    const collectionName = () => `driver_${process.pid}_${Date.now()}_${counter++}`;
    const record = (metric: VectorMetric): CollectionRecord => ({
      embedding: embedding.toConfig(),
      space: embedding.space,
      dim: 8,
      metric,
    });
    const unit = (slot: number, scale = 1) => {
      const vector = new Float32Array(8);
      vector[slot] = scale;
      return vector;
    };

    beforeAll(async () => {
      context ??= await setup();
    });
    afterAll(async () => {
      for (const opened of drivers) await opened.close().catch(() => {});
      await context?.teardown?.();
    });

    it('keeps the record with a new collection and returns it on every later open', async () => {
      const collection = collectionName();
      const first = await (await driver()).openCollection({ collection, record: record('ip') });
      expect(first).toEqual({ record: record('ip'), created: true });
      const other = await driver();
      const again = await other.openCollection({ collection, record: record('l2') });
      expect(again.created).toBe(false);
      expect(again.record).toEqual(record('ip'));
    });

    for (const metric of ['cosine', 'ip', 'l2'] as const) {
      it(`scores by the ${metric} metric, best first, and honours topK`, async () => {
        const collection = collectionName();
        const engine = await driver();
        await engine.openCollection({ collection, record: record(metric) });
        await engine.upsert(collection, [
          { id: 'near', text: 'near', metadata: {}, vector: unit(0, 1) },
          { id: 'far', text: 'far', metadata: {}, vector: unit(1, 1) },
          {
            id: 'middle',
            text: 'middle',
            metadata: {},
            vector: Float32Array.from([0.8, 0.6, 0, 0, 0, 0, 0, 0]),
          },
        ]);
        const hits = await engine.query(collection, { vector: unit(0, 1), topK: 2 });
        expect(hits.map((hit) => hit.id)).toEqual(['near', 'middle']);
        const expected = { cosine: [1, 0.8], ip: [1, 0.8], l2: [0, 0.4] }[metric];
        expect(hits[0]!.score).toBeCloseTo(expected[0]!, 5);
        expect(hits[1]!.score).toBeCloseTo(expected[1]!, 5);
      });
    }

    it('replaces a row by id and leaves fields out on request', async () => {
      const collection = collectionName();
      const engine = await driver();
      await engine.openCollection({ collection, record: record('cosine') });
      await engine.upsert(collection, [
        { id: 'row', text: 'old', metadata: { version: 1 }, vector: unit(2) },
      ]);
      await engine.upsert(collection, [
        { id: 'row', text: 'new', metadata: { version: 2, tags: ['a', 'b'] }, vector: unit(3) },
      ]);
      expect(await engine.count(collection)).toBe(1);
      expect(await engine.get(collection, ['missing', 'row'])).toEqual([
        { id: 'row', text: 'new', metadata: { version: 2, tags: ['a', 'b'] } },
      ]);
      const [bare] = await engine.query(collection, {
        vector: unit(3),
        topK: 1,
        outputFields: [],
      });
      expect(bare).toMatchObject({ id: 'row', text: '', metadata: {} });
      await engine.delete(collection, {
        filter: { type: 'compare', key: 'version', operator: 'eq', value: 2 },
      });
      expect(await engine.count(collection)).toBe(0);
    });

    it('lists every id once and reads rows back with their vectors bit for bit (for copyCollection)', async () => {
      const collection = collectionName();
      const engine = await driver();
      expect(typeof engine.readIds, 'readIds is needed to copy or migrate a collection').toBe(
        'function',
      );
      expect(typeof engine.getRows, 'getRows is needed to copy or migrate a collection').toBe(
        'function',
      );
      await engine.openCollection({ collection, record: record('cosine') });
      let seed = 7;
      const random = () => {
        seed = (seed * 48271) % 2147483647;
        return seed / 2147483647 - 0.5;
      };
      const rows = Array.from({ length: 60 }, (_, index) => ({
        id: `row-${String(index).padStart(2, '0')}`,
        text: `text ${index}`,
        metadata: { index },
        vector: Float32Array.from({ length: 8 }, random),
      }));
      // Written in a scrambled order and in several calls, so pages cannot follow insertion.
      const scrambled = [...rows].sort((left, right) =>
        left.id.split('').reverse().join('') < right.id.split('').reverse().join('') ? -1 : 1,
      );
      await engine.upsert(collection, scrambled.slice(0, 30));
      await engine.upsert(collection, scrambled.slice(30));
      const listed: string[] = [];
      for await (const page of engine.readIds!(collection, { pageSize: 7 })) listed.push(...page);
      expect(listed).toHaveLength(rows.length);
      expect([...listed].sort()).toEqual(rows.map((row) => row.id));
      const read = await engine.getRows!(collection, ['row-03', 'missing', 'row-20']);
      expect(read.map((row) => row.id)).toEqual(['row-03', 'row-20']);
      for (const row of read) {
        const original = rows.find((candidate) => candidate.id === row.id)!;
        expect(row.text).toBe(original.text);
        expect(row.metadata).toEqual(original.metadata);
        expect(Array.from(new Uint32Array(Float32Array.from(row.vector).buffer))).toEqual(
          Array.from(new Uint32Array(original.vector.buffer)),
        );
      }
    });

    it('deletes every row for { all: true } and nothing for an unmatched filter', async () => {
      const collection = collectionName();
      const engine = await driver();
      await engine.openCollection({ collection, record: record('cosine') });
      await engine.upsert(
        collection,
        ['a', 'b', 'c'].map((id, slot) => ({ id, text: id, metadata: { id }, vector: unit(slot) })),
      );
      await engine.delete(collection, {
        filter: { type: 'member', key: 'id', operator: 'in', values: ['none'] },
      });
      expect(await engine.count(collection)).toBe(3);
      await engine.delete(collection, { all: true });
      expect(await engine.count(collection)).toBe(0);
    });
  });
}
