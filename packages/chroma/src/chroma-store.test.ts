import { inspect } from 'node:util';
import { AbortError, createHashingEmbedding, InvalidConfigError, StoreError } from '@embedkit/core';
import { AdminClient, ChromaClient } from 'chromadb';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { chromaRecordKey } from './chroma-collection-record.js';
import { chromaAddress } from './chroma-connection.js';
import { createChromaStore } from './chroma-store.js';
import { testStores, uniqueCollection } from './chroma-store.test-helpers.js';
import { ChromaStoreDriver } from './chroma-store-driver.js';
import { startRecordingProxy } from './recording-proxy.test-helpers.js';

const { host, port } = chromaAddress(inject('chromaUrl'));
const chroma = new ChromaClient({ host, port });

describe('Chroma store', () => {
  const open = testStores();

  for (const metric of ['cosine', 'ip', 'l2'] as const) {
    it(`records the embedding space in the collection metadata and indexes with the ${metric} space, without an embedding function`, async () => {
      const embedding = createHashingEmbedding({ dimensions: 24 });
      const store = open({ embedding, metric });
      expect(await store.ensureCollection()).toMatchObject({ created: true, dim: 24, metric });
      expect((await store.ensureCollection()).created).toBe(false);
      const collection = await chroma.getCollection({ name: store.collection });
      expect(JSON.parse(String(collection.metadata?.[chromaRecordKey]))).toEqual({
        embedding: embedding.toConfig(),
        space: embedding.space,
        dim: 24,
        metric,
      });
      expect(collection.configuration.hnsw?.space).toBe(metric);
      expect(collection.configuration.embeddingFunction ?? null).toBeNull();
    });
  }

  it('returns metadata exactly as written: nested values, lists, nulls and any key', async () => {
    const store = open();
    const metadata = {
      source: 'a.md',
      page: 3,
      ratio: 0.25,
      draft: false,
      tags: ['x', 2, true],
      empty: [],
      nested: { deep: { list: [{ a: null }] } },
      missing: null,
      '': 'empty key',
      '#hash': 'h',
      $dollar: 1,
      'embedkit:metadata': 'not ours',
      'a.b': 'dotted',
      'ünï cødé': 'ok',
    };
    await store.addDocuments([{ id: 'rich', text: 'a rich document', metadata }]);
    expect(await store.get(['rich'])).toEqual([{ id: 'rich', text: 'a rich document', metadata }]);
    const [hit] = await store.search('a rich document', { topK: 1 });
    expect(hit?.metadata).toEqual(metadata);
    for (const [key, value] of [
      ['#hash', 'h'],
      ['embedkit:metadata', 'not ours'],
      ['a.b', 'dotted'],
    ] as const) {
      const hits = await store.search('rich', { filter: { [key]: value } });
      expect(hits.map((found) => found.id)).toEqual(['rich']);
    }
    // Other Chroma readers see the scalars under their own keys (escaped where Chroma refuses them).
    const raw = await chroma.getCollection({ name: store.collection });
    const [stored] = (await raw.get({ ids: ['rich'] })).metadatas;
    expect(stored).toMatchObject({
      source: 'a.md',
      page: 3,
      'a.b': 'dotted',
      'embedkit:key:#hash': 'h',
      'embedkit:key:$dollar': 1,
    });
    expect(stored).not.toHaveProperty('tags');
  });

  it('replaces a record on upsert: keys the new metadata lacks are gone, also for filters', async () => {
    const store = open();
    await store.addDocuments([{ id: 'doc', text: 'first text', metadata: { a: 1, b: 2 } }]);
    await store.addDocuments([{ id: 'doc', text: 'second text', metadata: { a: 3 } }]);
    expect(await store.get(['doc'])).toEqual([
      { id: 'doc', text: 'second text', metadata: { a: 3 } },
    ]);
    expect(await store.search('text', { filter: { b: 2 } })).toEqual([]);
    await store.addDocuments([{ id: 'doc', text: 'third text' }]);
    expect(await store.get(['doc'])).toEqual([{ id: 'doc', text: 'third text', metadata: {} }]);
    const raw = await chroma.getCollection({ name: store.collection });
    const [stored] = (await raw.get({ ids: ['doc'] })).metadatas;
    // Only the exact vector copy of a cosine collection is left: no user key, no JSON, no key list.
    expect(Object.keys(stored ?? {})).toEqual(['embedkit:vector']);
  });

  it('writes in requests the server accepts (its max_batch_size), or fewer rows with maxBatchSize', async () => {
    const limit = await chroma.getMaxBatchSize();
    const proxy = await startRecordingProxy(inject('chromaUrl'));
    try {
      const vectors = (count: number) =>
        Array.from({ length: count }, (_, index) => ({
          id: `row-${index}`,
          text: `row ${index}`,
          metadata: { index },
          vector: Float32Array.from({ length: 16 }, (_, slot) => ((index * 7 + slot) % 13) + 1),
        }));
      const store = open({ url: proxy.url });
      await store.addVectors(vectors(limit + 100));
      expect(await store.count()).toBe(limit + 100);
      const upserts = () => proxy.requests.filter((request) => request.path.endsWith('/upsert'));
      expect(upserts().map((request) => request.records)).toEqual([limit, 100]);
      proxy.requests.length = 0;
      const small = open({ url: proxy.url, maxBatchSize: 100 });
      await small.addVectors(vectors(250));
      expect(upserts().map((request) => request.records)).toEqual([100, 100, 50]);
      expect(await small.count()).toBe(250);
    } finally {
      await proxy.close();
    }
  });

  it('sends the token from the variable tokenEnv names, in the header tokenHeader picks, and never shows it', async () => {
    const proxy = await startRecordingProxy(inject('chromaUrl'), { requireToken: 'sesame-4711' });
    const variable = `EMBEDKIT_TEST_CHROMA_TOKEN_${process.pid}`;
    try {
      const refused = open({ url: proxy.url, tokenEnv: variable });
      const error = await refused.count().catch((caught: unknown) => caught);
      expect(StoreError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('tokenEnv');

      process.env[variable] = 'sesame-4711';
      const store = open({ url: proxy.url, tokenEnv: variable });
      await store.addDocuments([{ id: 'a', text: 'guarded' }]);
      expect(await store.count()).toBe(1);
      expect(proxy.requests.at(-1)?.headers['x-chroma-token']).toBe('sesame-4711');
      const bearer = open({ url: proxy.url, tokenEnv: variable, tokenHeader: 'authorization' });
      expect(await bearer.count()).toBe(0);
      expect(proxy.requests.at(-1)?.headers.authorization).toBe('Bearer sesame-4711');
      expect(proxy.requests.at(-1)?.headers['x-chroma-token']).toBeUndefined();

      const direct = open({ url: proxy.url, token: 'sesame-4711' });
      expect(await direct.count()).toBe(0);
      for (const shown of [inspect(store, { depth: 10 }), store.location, JSON.stringify(store)]) {
        expect(shown).not.toContain('sesame');
      }
      expect(inspect(direct, { depth: 10 })).not.toContain('sesame');
      process.env[variable] = 'wrong-token';
      const wrong = await open({ url: proxy.url, tokenEnv: variable })
        .count()
        .catch((caught: unknown) => caught);
      expect((wrong as Error).message).not.toContain('wrong-token');
    } finally {
      delete process.env[variable];
      await proxy.close();
    }
  });

  it('creates collections in the tenant and database it is given', async () => {
    const admin = new AdminClient({ host, port, ssl: false });
    const tenant = `embedkit_tenant_${process.pid}_${Date.now()}`;
    const database = `embedkit_db_${process.pid}_${Date.now()}`;
    await admin.createTenant({ name: tenant });
    await admin.createDatabase({ name: database, tenant });
    await admin.createDatabase({ name: database, tenant: 'default_tenant' });
    const store = open({ tenant, database });
    await store.addDocuments([{ id: 'a', text: 'in its own database' }]);
    const inDatabase = new ChromaClient({ host, port, tenant, database });
    expect((await inDatabase.listCollections()).map((collection) => collection.name)).toEqual([
      store.collection,
    ]);
    const sameDatabaseOtherTenant = new ChromaClient({ host, port, database });
    expect(await sameDatabaseOtherTenant.listCollections()).toEqual([]);
    const defaults = await chroma.listCollections({ limit: 1000 });
    expect(defaults.map((collection) => collection.name)).not.toContain(store.collection);
  });

  it('refuses a URL with a path or credentials, and defaults to chroma run on localhost:8000', () => {
    expect(new ChromaStoreDriver().location).toBe('http://localhost:8000');
    for (const url of ['http://host:8000/api', 'http://user:secret@host:8000', 'localhost:8000']) {
      let error: unknown;
      try {
        createChromaStore({ embedding: createHashingEmbedding({ dimensions: 8 }), url });
      } catch (caught) {
        error = caught;
      }
      expect(InvalidConfigError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('url');
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('reports an unreachable server as a retryable StoreError naming the URL', async () => {
    const proxy = await startRecordingProxy(inject('chromaUrl'));
    await proxy.close();
    const error = await open({ url: proxy.url })
      .count()
      .catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as StoreError).isRetryable).toBe(true);
    expect((error as Error).message).toContain(proxy.url);
  });
});

describe('ChromaStoreDriver', () => {
  const url = inject('chromaUrl');
  const drivers: ChromaStoreDriver[] = [];
  afterAll(async () => {
    for (const driver of drivers) await driver.close();
  });
  const driver = () => {
    const created = new ChromaStoreDriver({ url });
    drivers.push(created);
    return created;
  };

  it('reports an aborted query or upsert as AbortError, and refuses a closed driver or an unopened collection', async () => {
    const engine = driver();
    const embedding = createHashingEmbedding({ dimensions: 8 });
    const collection = uniqueCollection('aborted');
    await engine.openCollection({
      collection,
      record: { embedding: embedding.toConfig(), space: embedding.space, dim: 8, metric: 'cosine' },
    });
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const { signal } = controller;
    const vector = new Float32Array(8).fill(0.5);
    for (const call of [
      () => engine.query(collection, { vector, topK: 1, signal }),
      () => engine.upsert(collection, [{ id: 'x', text: 'x', metadata: {}, vector }], { signal }),
    ]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(AbortError.isInstance(error)).toBe(true);
      expect((error as AbortError).cause).toBe(signal.reason);
    }
    expect(await engine.count(collection)).toBe(0);
    const unopened = await engine.count('never_opened').catch((caught: unknown) => caught);
    expect((unopened as Error).message).toContain('openCollection');
    await engine.close();
    const closed = await engine
      .openCollection({
        collection,
        record: {
          embedding: embedding.toConfig(),
          space: embedding.space,
          dim: 8,
          metric: 'cosine',
        },
      })
      .catch((caught: unknown) => caught);
    expect(StoreError.isInstance(closed)).toBe(true);
    expect((closed as Error).message).toContain('closed');
  });

  it('writes the last row of an id that one upsert names twice (Chroma refuses duplicates)', async () => {
    const engine = driver();
    const embedding = createHashingEmbedding({ dimensions: 8 });
    const collection = uniqueCollection('duplicates');
    await engine.openCollection({
      collection,
      record: { embedding: embedding.toConfig(), space: embedding.space, dim: 8, metric: 'l2' },
    });
    const vector = new Float32Array(8).fill(0.25);
    await engine.upsert(collection, [
      { id: 'twice', text: 'first', metadata: { version: 1 }, vector },
      { id: 'once', text: 'other', metadata: {}, vector },
      { id: 'twice', text: 'second', metadata: { version: 2 }, vector },
    ]);
    expect(await engine.count(collection)).toBe(2);
    expect(await engine.get(collection, ['twice', 'once', 'twice'])).toEqual([
      { id: 'twice', text: 'second', metadata: { version: 2 } },
      { id: 'once', text: 'other', metadata: {} },
      { id: 'twice', text: 'second', metadata: { version: 2 } },
    ]);
  });

  it('never prints warnings or loads Chroma’s default embedding function', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const store = createChromaStore({
        embedding: createHashingEmbedding({ dimensions: 8 }),
        collection: uniqueCollection('quiet'),
        url,
      });
      await store.addDocuments([{ text: 'quiet please', metadata: { n: 1 } }]);
      await store.search('quiet', { filter: { n: 1 } });
      await store.delete({ filter: {} });
      expect(await store.count()).toBe(0);
      await store.close();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
