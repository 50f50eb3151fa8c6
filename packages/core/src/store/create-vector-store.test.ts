import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vectorFor } from '../batch/fake-provider.test-helpers.js';
import { withCache } from '../composition/with-cache.js';
import { withFailover } from '../composition/with-failover.js';
import {
  contextualAnswer,
  fakeEmbedding,
  lateChunkingFakeEmbedding,
} from '../embedding/fake-embedding.test-helpers.js';
import { AbortError } from '../errors/abort-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { StoreError } from '../errors/store-error.js';
import { createHashingEmbedding } from '../hashing/create-hashing-embedding.js';
import { createStoreRegistry } from './create-store-registry.js';
import { createVectorStore } from './create-vector-store.js';
import { MemoryDatabase } from './memory-database.js';
import { memoryStore } from './memory-store.js';
import { MemoryStoreDriver } from './memory-store-driver.js';
import type { VectorStoreDriver } from './vector-store-driver.js';

const chunked = [
  [{ text: 'alpha one' }, { text: 'alpha two' }],
  [{ text: 'beta one' }],
  [{ text: 'gamma one' }, { text: 'gamma two' }, { text: 'gamma three' }],
];
const texts = chunked.map((group) => group.map((chunk) => chunk.text));

describe('createVectorStore', () => {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-store-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('stores chunked documents with one call per late-chunked document, ids per group', async () => {
    const embedding = lateChunkingFakeEmbedding();
    const store = createVectorStore({ driver: new MemoryStoreDriver(), embedding });
    const ids = await store.addDocumentGroups(chunked);
    expect(ids.map((group) => group.length)).toEqual([2, 1, 3]);
    expect(embedding.calls.map((call) => call.inputs)).toEqual(texts);
    const [hit] = await store.searchByVector(contextualAnswer(texts[2]!).embeddings[1]!.vector, {
      topK: 1,
    });
    expect(hit?.id).toBe(ids[2]![1]);
  });

  it('never splits a group across pipeline steps, whatever the batch size', async () => {
    const embedding = lateChunkingFakeEmbedding();
    const store = createVectorStore({ driver: new MemoryStoreDriver(), embedding });
    await store.addDocumentGroups(chunked, { batchSize: 1 });
    expect(embedding.calls.map((call) => call.inputs)).toEqual(texts);
  });

  it('sends one independent document per call through withCache and withFailover of a late-chunking function', async () => {
    for (const wrap of [
      (inner: ReturnType<typeof lateChunkingFakeEmbedding>) => withCache(inner),
      (inner: ReturnType<typeof lateChunkingFakeEmbedding>) =>
        withFailover([inner, lateChunkingFakeEmbedding()]),
    ]) {
      const inner = lateChunkingFakeEmbedding();
      const store = createVectorStore({ driver: new MemoryStoreDriver(), embedding: wrap(inner) });
      await store.addDocuments([{ text: 'first' }, { text: 'second' }, { text: 'third' }]);
      expect(inner.calls.map((call) => call.inputs)).toEqual([['first'], ['second'], ['third']]);
      await store.addDocumentGroups(chunked);
      expect(inner.calls.slice(3).map((call) => call.inputs)).toEqual(texts);
    }
  });

  it('batches the chunks of plain functions freely', async () => {
    const embedding = fakeEmbedding({ maxInputsPerCall: 8 });
    const store = createVectorStore({ driver: new MemoryStoreDriver(), embedding });
    await store.addDocumentGroups(chunked);
    expect(embedding.calls.map((call) => call.inputs)).toEqual([texts.flat()]);
  });

  it('refuses operators the driver declares it cannot express, before calling it', async () => {
    const inner = new MemoryStoreDriver();
    const queries: unknown[] = [];
    const driver: VectorStoreDriver = {
      kind: 'limited',
      location: 'memory',
      filterOperators: ['eq', 'in', 'and'],
      openCollection: (request) => inner.openCollection(request),
      upsert: (collection, rows) => inner.upsert(collection, rows),
      query: (collection, query) => {
        queries.push(query.filter);
        return inner.query(collection, query);
      },
      get: (collection, ids) => inner.get(collection, ids),
      delete: (collection, selector) => inner.delete(collection, selector),
      count: (collection) => inner.count(collection),
      close: () => inner.close(),
    };
    const store = createVectorStore({
      driver,
      embedding: createHashingEmbedding({ dimensions: 8 }),
    });
    await store.addDocuments([{ id: 'a', text: 'alpha', metadata: { n: 1 } }]);
    await expect(store.search('alpha', { filter: { n: { gt: 0 } } })).rejects.toThrow(
      'The limited store cannot filter with "gt"; it supports eq, in, and.',
    );
    expect(queries).toEqual([]);
    expect((await store.search('alpha', { filter: { n: 1 } })).map((hit) => hit.id)).toEqual(['a']);
    expect(queries).toEqual([{ type: 'compare', key: 'n', operator: 'eq', value: 1 }]);
  });

  it('orders equal scores by id whatever order the driver returns them in', async () => {
    const inner = new MemoryStoreDriver();
    const driver = delegating(inner, {
      query: async (collection: string, query: Parameters<VectorStoreDriver['query']>[1]) =>
        (await inner.query(collection, query)).reverse(),
    });
    const store = createVectorStore({
      driver,
      embedding: createHashingEmbedding({ dimensions: 8 }),
    });
    await store.addDocuments(['c', 'a', 'b'].map((id) => ({ id, text: 'same text' })));
    expect((await store.search('same text', { topK: 10 })).map((hit) => hit.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('opens a collection with no embedkit record, checking only its dimension', async () => {
    const embedding = createHashingEmbedding({ dimensions: 8 });
    const inner = new MemoryStoreDriver();
    const foreign = (dim: number): VectorStoreDriver =>
      delegating(inner, {
        openCollection: async (request: Parameters<VectorStoreDriver['openCollection']>[0]) => {
          await inner.openCollection(request);
          return { record: undefined, dim, created: false };
        },
      });
    const store = createVectorStore({ driver: foreign(8), embedding, collection: 'theirs' });
    await store.addDocuments([{ id: 'x', text: 'their row' }]);
    const info = await store.ensureCollection();
    expect(info.dim).toBe(8);
    expect(info.embedding.provider).toBe('hashing');
    expect((await store.search('their row'))[0]?.id).toBe('x');
    const wrong = createVectorStore({ driver: foreign(384), embedding, collection: 'theirs' });
    await expect(wrong.count()).rejects.toThrow(
      'Collection "theirs" (made outside embedkit) holds 384-dimensional vectors, but hashing produces 8',
    );
  });

  it('hands the driver { all: true } for an explicit empty filter, and a tree otherwise', async () => {
    const selectors: unknown[] = [];
    const inner = new MemoryStoreDriver();
    const driver = delegating(inner, {
      delete: (collection: string, selector: Parameters<VectorStoreDriver['delete']>[1]) => {
        selectors.push(selector);
        return inner.delete(collection, selector);
      },
    });
    const store = createVectorStore({
      driver,
      embedding: createHashingEmbedding({ dimensions: 8 }),
    });
    await store.addDocuments([
      { id: 'a', text: 'a', metadata: { n: 1 } },
      { id: 'b', text: 'b', metadata: { n: 2 } },
    ]);
    await store.delete({ filter: { n: { lt: 2 } } });
    expect(await store.count()).toBe(1);
    await store.delete({ filter: {} });
    expect(await store.count()).toBe(0);
    expect(selectors).toEqual([
      { filter: { type: 'compare', key: 'n', operator: 'lt', value: 2 } },
      { all: true },
    ]);
  });

  it('refuses string filters on drivers without native filters, and bad filters and topK', async () => {
    const store = createVectorStore({
      driver: new MemoryStoreDriver(),
      embedding: fakeEmbedding(),
    });
    await store.addDocuments([{ text: 'x', metadata: { topic: 'a' } }]);
    const vector = vectorFor('x', 4);
    await expect(store.searchByVector(vector, { filter: 'topic == "a"' })).rejects.toThrow(
      NotSupportedError,
    );
    await expect(
      store.searchByVector(vector, { filter: { topic: { regex: 1 } } as never }),
    ).rejects.toThrow(InvalidInputError);
    await expect(store.searchByVector(vector, { topK: 0 })).rejects.toThrow(InvalidInputError);
    await expect(
      store.searchByVector(vector, { outputFields: ['vector'] as never }),
    ).rejects.toThrow(InvalidInputError);
    const [hit] = await store.searchByVector(vector, { outputFields: ['metadata'] });
    expect(hit).toMatchObject({ text: '', metadata: { topic: 'a' } });
  });

  it('has no hybrid search on the memory driver, and refuses use after close', async () => {
    const store = createVectorStore({
      driver: new MemoryStoreDriver(),
      embedding: fakeEmbedding(),
    });
    await expect(store.hybridSearch('anything')).rejects.toThrow(NotSupportedError);
    await store.close();
    await expect(store.count()).rejects.toThrow(StoreError);
  });

  it('keeps the metric a collection was built with and refuses another one', async () => {
    const database = new MemoryDatabase();
    const embedding = fakeEmbedding();
    const driver = () => new MemoryStoreDriver({ database });
    await createVectorStore({ driver: driver(), embedding, metric: 'l2' }).count();
    const reopened = createVectorStore({ driver: driver(), embedding });
    expect((await reopened.ensureCollection()).metric).toBe('l2');
    expect(reopened.metric).toBe('l2');
    await expect(
      createVectorStore({ driver: driver(), embedding, metric: 'cosine' }).count(),
    ).rejects.toThrow(InvalidConfigError);
  });

  it('checks the embedding space before the driver writes anything', async () => {
    const database = new MemoryDatabase();
    const writes: string[] = [];
    const driver = (): VectorStoreDriver => {
      const memory = new MemoryStoreDriver({ database });
      return Object.assign(Object.create(memory) as MemoryStoreDriver, {
        upsert: async (collection: string, rows: Parameters<VectorStoreDriver['upsert']>[1]) => {
          writes.push(...rows.map((row) => row.id));
          return memory.upsert(collection, rows);
        },
      });
    };
    const first = createHashingEmbedding({ dimensions: 64 });
    await createVectorStore({ driver: driver(), embedding: first }).addDocuments([{ text: 'a' }]);
    const late = lateChunkingFakeEmbedding();
    const error = await createVectorStore({ driver: driver(), embedding: late })
      .addDocuments([{ text: 'b' }])
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('hashing');
    expect(writes).toHaveLength(1);
  });

  it("runs a driver's fitDocuments before embedding: its refusal as thrown, its prefix embedded", async () => {
    // Refuses texts starting with "refuse", keeps the first five characters of the others.
    class FittingDriver extends MemoryStoreDriver {
      fitDocuments<Document extends { id: string; text: string }>(
        _collection: string,
        documents: readonly Document[],
      ): Document[] {
        return documents.map((document, index) => {
          if (document.text.startsWith('refuse')) {
            throw new InvalidInputError({ message: `Document ${index} does not fit.`, index });
          }
          return { ...document, text: document.text.slice(0, 5) };
        });
      }
    }
    const fitting = new FittingDriver();
    const embedding = fakeEmbedding();
    const store = createVectorStore({ driver: fitting, embedding });
    const error = await store
      .addDocuments([{ text: 'fine' }, { text: 'refuse me' }])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect(embedding.calls).toHaveLength(0);
    const [id] = await store.addDocuments([{ id: 'long', text: 'abcdefgh' }]);
    expect(embedding.calls.map((call) => call.inputs)).toEqual([['abcde']]);
    expect(await store.get([id!])).toEqual([{ id: 'long', text: 'abcde', metadata: {} }]);
    const [vectorId] = await store.addVectors([
      { id: 'vector', text: 'abcdefgh', vector: [1, 0, 0, 0] },
    ]);
    expect((await store.get([vectorId!]))[0]?.text).toBe('abcde');
  });

  it('reports an aborted search or vector write as AbortError, as an aborted ingest is', async () => {
    const embedding = createHashingEmbedding({ dimensions: 8 });
    const store = createVectorStore({ driver: new MemoryStoreDriver(), embedding });
    await store.addDocuments([{ text: 'one' }]);
    const controller = new AbortController();
    controller.abort(new Error('user stopped'));
    const signal = controller.signal;
    const vector = new Float32Array(8).fill(0.5);
    for (const call of [
      () => store.addDocuments([{ text: 'two' }], { signal }),
      () => store.search('one', { signal }),
      () => store.searchByVector(vector, { signal }),
      () => store.addVectors([{ text: 'two', vector }], { signal }),
    ]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(AbortError.isInstance(error)).toBe(true);
      expect((error as AbortError).cause).toBe(signal.reason);
    }
    expect(await store.count()).toBe(1);
  });

  it('refuses a delete that names neither ids nor a filter instead of deleting everything', async () => {
    const store = createVectorStore({
      driver: new MemoryStoreDriver(),
      embedding: createHashingEmbedding({ dimensions: 8 }),
    });
    await store.addDocuments([{ text: 'one' }, { text: 'two' }]);
    for (const selector of [{}, { filter: undefined }, { filter: '  ' }]) {
      await expect(store.delete(selector as never)).rejects.toThrow(InvalidInputError);
    }
    expect(await store.count()).toBe(2);
    // An explicit empty filter still matches every document.
    await store.delete({ filter: {} });
    expect(await store.count()).toBe(0);
  });

  it('refuses bad search options before paying for the query embedding', async () => {
    const embedding = fakeEmbedding();
    const store = createVectorStore({ driver: new MemoryStoreDriver(), embedding });
    await store.ensureCollection();
    const before = embedding.calls.length;
    await expect(store.search('query', { topK: 0 })).rejects.toThrow(InvalidInputError);
    await expect(store.search('query', { filter: 'source == "a"' })).rejects.toThrow(
      NotSupportedError,
    );
    expect(embedding.calls).toHaveLength(before);
  });

  it('refuses a missing driver or embedding with InvalidConfigError', () => {
    expect(() => createVectorStore({} as never)).toThrow(InvalidConfigError);
  });

  it('memory store definition: built from config, saved to its file by flush and close', async () => {
    const registry = createStoreRegistry([memoryStore]);
    const path = join(directory, 'index.json');
    const embedding = createHashingEmbedding({ dimensions: 32 });
    const store = registry.fromConfig({ kind: 'memory', path, collection: 'notes' }, { embedding });
    const [id] = await store.addDocuments([{ text: 'kept between runs' }]);
    await store.close();
    const again = registry.fromConfig({ kind: 'memory', path, collection: 'notes' }, { embedding });
    expect(await again.get([id!])).toEqual([{ id, text: 'kept between runs', metadata: {} }]);
    expect(again.location).toBe(path);
    expect(registry.check({ kind: 'memory', colection: 'typo' })?.issues[0]?.message).toContain(
      'colection',
    );
    expect(registry.check({ kind: 'nope' })?.issues[0]?.message).toContain('"memory"');
  });
});

/** A driver that forwards to `inner` except for `overrides` (the memory driver keeps private state). */
function delegating(
  inner: MemoryStoreDriver,
  overrides: Partial<VectorStoreDriver>,
): VectorStoreDriver {
  return {
    kind: inner.kind,
    location: inner.location,
    openCollection: (request) => inner.openCollection(request),
    upsert: (collection, rows) => inner.upsert(collection, rows),
    query: (collection, query) => inner.query(collection, query),
    get: (collection, ids) => inner.get(collection, ids),
    delete: (collection, selector) => inner.delete(collection, selector),
    count: (collection) => inner.count(collection),
    close: () => inner.close(),
    ...overrides,
  };
}
