import { resolve } from 'node:path';
import type { EmbeddingFunction } from '@embedkit/core';
import { createMilvusStore, type MilvusLiteServer, startMilvusLite } from '@embedkit/milvus';
import type { StoreConfig } from '../config/cli-config-schema.js';
import type { OpenedStore } from './open-store.js';

/**
 * Opens a Milvus server store, or starts Milvus Lite on the configured data file and opens a
 * store on it; closing the store stops the embedded server.
 */
export async function openMilvusStore(
  config: Exclude<StoreConfig, { kind: 'memory' }>,
  embedding: EmbeddingFunction,
): Promise<OpenedStore> {
  let server: MilvusLiteServer | undefined;
  let address: string;
  let location: string;
  let token: string | undefined;
  if (config.kind === 'milvus-lite') {
    server = await startMilvusLite({ dbPath: resolve(config.path) });
    address = server.address;
    location = config.path;
  } else {
    address = config.address;
    location = config.address;
    token = process.env[config.tokenEnv] || undefined;
  }
  const store = createMilvusStore({ embedding, collection: config.collection, address, token });
  return {
    store,
    location,
    save: async () => {},
    close: async () => {
      try {
        await store.close();
      } finally {
        await server?.stop();
      }
    },
  };
}
