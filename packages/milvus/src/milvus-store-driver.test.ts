import { createHashingEmbedding, createVectorStore, StoreError } from '@embedkit/core';
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
