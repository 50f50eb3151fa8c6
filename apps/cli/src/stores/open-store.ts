import type { EmbeddingFunction, StoreRegistry, VectorStore } from '@embedkit/core';

/** An opened store with what it takes to save and release it. */
export interface OpenedStore {
  store: VectorStore;
  /** Where the store is, for messages: a file path or an address. */
  location: string;
  /** Makes what was written durable (a memory store's file) — also after an interruption. */
  save(): Promise<void>;
  /** Saves, closes connections and stops an embedded server. */
  close(): Promise<void>;
}

/** Builds the configured store for `embedding` through the store registry. */
export async function openStore(
  registry: StoreRegistry,
  config: Record<string, unknown>,
  embedding: EmbeddingFunction,
): Promise<OpenedStore> {
  const store = registry.fromConfig(config, { embedding });
  return {
    store,
    location: store.location ?? store.kind,
    save: async () => {
      await store.flush?.();
    },
    close: () => store.close(),
  };
}
