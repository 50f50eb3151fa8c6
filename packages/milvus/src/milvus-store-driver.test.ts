import { AbortError, createHashingEmbedding, createVectorStore, StoreError } from '@embedkit/core';
import { describe, expect, inject, it } from 'vitest';
import { uniqueCollection } from './milvus-store.test-helpers.js';
import { MilvusStoreDriver } from './milvus-store-driver.js';

describe('MilvusStoreDriver', () => {
  it('serves several stores on one connection; closing a store leaves the shared driver open', async () => {
    const driver = new MilvusStoreDriver({
      address: inject('milvusAddress'),
      token: inject('milvusToken') || undefined,
    });
    const embedding = createHashingEmbedding({ dimensions: 16 });
    const docs = createVectorStore({
      driver,
      embedding,
      collection: uniqueCollection('shared_docs'),
      closeDriver: false,
    });
    const notes = createVectorStore({
      driver,
      embedding,
      collection: uniqueCollection('shared_notes'),
      closeDriver: false,
    });
    try {
      await docs.addDocuments([{ id: 'a', text: 'a document' }]);
      await notes.addDocuments([
        { id: 'b', text: 'a note' },
        { id: 'c', text: 'another note' },
      ]);
      await docs.close();
      expect(await notes.count()).toBe(2);
      expect((await notes.hybridSearch('another', { topK: 1 }))[0]?.id).toBe('c');
    } finally {
      await driver.close();
    }
    const closed = await notes.count().catch((caught: unknown) => caught);
    expect(StoreError.isInstance(closed)).toBe(true);
    expect((closed as Error).message).toContain('closed');
  });

  it('reports an aborted query, hybrid query or upsert as AbortError, as core does', async () => {
    const driver = new MilvusStoreDriver({
      address: inject('milvusAddress'),
      token: inject('milvusToken') || undefined,
    });
    const store = createVectorStore({
      driver,
      embedding: createHashingEmbedding({ dimensions: 16 }),
      collection: uniqueCollection('aborted'),
      closeDriver: false,
    });
    try {
      await store.ensureCollection();
      const controller = new AbortController();
      controller.abort(new Error('stopped'));
      const signal = controller.signal;
      const query = { vector: new Float32Array(16).fill(0.25), topK: 1, signal };
      for (const call of [
        () => driver.query(store.collection, query),
        () =>
          driver.hybridQuery(store.collection, {
            ...query,
            text: 'x',
            candidates: 1,
            ranker: { type: 'rrf' },
          }),
        () =>
          driver.upsert(
            store.collection,
            [{ id: 'x', text: 'x', metadata: {}, vector: query.vector }],
            { signal },
          ),
      ]) {
        const error = await call().catch((caught: unknown) => caught);
        expect(AbortError.isInstance(error)).toBe(true);
        expect((error as AbortError).cause).toBe(signal.reason);
      }
      expect(await store.count()).toBe(0);
    } finally {
      await driver.close();
    }
  });

  it('refuses to write to a collection it has not opened', async () => {
    const driver = new MilvusStoreDriver({ address: inject('milvusAddress') });
    try {
      const error = await driver
        .upsert('never_opened', [{ id: 'x', text: 'x', metadata: {}, vector: new Float32Array(4) }])
        .catch((caught: unknown) => caught);
      expect(StoreError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('openCollection');
    } finally {
      await driver.close();
    }
  });
});
