import { createHashingEmbedding, type EmbeddingFunction } from '@embedkit/core';
import { afterAll, inject } from 'vitest';
import { createMilvusStore, type MilvusVectorStore } from './milvus-store.js';
import type { MilvusStoreOptions } from './milvus-store-settings.js';

let counter = 0;

/** A collection name no other test uses. */
export function uniqueCollection(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${Date.now()}_${counter++}`;
}

/**
 * Stores on the test server (Milvus Lite from the global setup, or `MILVUS_URI`), each on a fresh
 * collection unless one is given, all closed after the file's tests.
 */
export function testStores() {
  const opened: MilvusVectorStore[] = [];
  afterAll(async () => {
    for (const store of opened) await store.close();
  });
  return (
    options: Partial<MilvusStoreOptions> & { embedding?: EmbeddingFunction } = {},
  ): MilvusVectorStore => {
    const store = createMilvusStore({
      embedding: createHashingEmbedding({ dimensions: 64 }),
      collection: uniqueCollection(),
      address: inject('milvusAddress'),
      token: inject('milvusToken') || undefined,
      ...options,
    });
    opened.push(store);
    return store;
  };
}
