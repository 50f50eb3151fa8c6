import { resolve } from 'node:path';
import { type EmbeddingFunction, MemoryVectorStore, type VectorStore } from '@embedkit/core';
import type { StoreConfig } from '../config/cli-config-schema.js';
import { importOptionalPackage } from '../config/import-optional-package.js';
import { loadMemoryDatabase, saveMemoryDatabase } from './memory-snapshot.js';

/** An opened store with what it takes to save and release it. */
export interface OpenedStore {
  store: VectorStore;
  /** Where the store is, for messages: a file path or an address. */
  location: string;
  /** Persists what was written (memory store) — also after an interruption. */
  save(): Promise<void>;
  /** Saves, closes connections and stops an embedded server. */
  close(): Promise<void>;
}

/** Opens the configured store for `embedding`. */
export async function openStore(
  config: StoreConfig,
  embedding: EmbeddingFunction,
): Promise<OpenedStore> {
  if (config.kind === 'memory') {
    const path = config.path ? resolve(config.path) : undefined;
    const database = loadMemoryDatabase(path);
    const store = new MemoryVectorStore({ embedding, collection: config.collection, database });
    const save = async () => {
      if (path) saveMemoryDatabase(database, path);
    };
    return { store, location: config.path ?? 'memory', save, close: save };
  }
  const { openMilvusStore } = await importOptionalPackage(
    '@embedkit/milvus',
    () => import('./open-milvus-store.js'),
    { path: 'store.kind', needs: `store "${config.kind}"` },
  );
  return openMilvusStore(config, embedding);
}
