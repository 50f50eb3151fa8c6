import { createHashingEmbedding, type EmbeddingFunction } from '@embedkit/core';
import { afterAll, inject } from 'vitest';
import { type ChromaVectorStore, createChromaStore } from './chroma-store.js';
import type { ChromaStoreOptions } from './chroma-store-settings.js';

let counter = 0;

/** A collection name no other test uses. */
export function uniqueCollection(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${Date.now()}_${counter++}`;
}

/** Stores on the test server, each on a fresh collection unless one is given, closed after the file. */
export function testStores() {
  const opened: ChromaVectorStore[] = [];
  afterAll(async () => {
    for (const store of opened) await store.close();
  });
  return (
    options: Partial<ChromaStoreOptions> & { embedding?: EmbeddingFunction } = {},
  ): ChromaVectorStore => {
    const store = createChromaStore({
      embedding: createHashingEmbedding({ dimensions: 16 }),
      collection: uniqueCollection(),
      url: inject('chromaUrl'),
      ...options,
    });
    opened.push(store);
    return store;
  };
}
