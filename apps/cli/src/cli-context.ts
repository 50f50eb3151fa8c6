import type { EmbeddingFunction, Reranker, StoreRegistry } from '@embedkit/core';
import type { CliConfig } from './config/cli-config-schema.js';
import { loadCliRegistry } from './config/cli-registry.js';
import { loadCliReranker } from './config/cli-reranker-registry.js';
import { embeddingConfigCheck } from './config/embedding-config-check.js';
import { type ConfigOverrides, loadConfig } from './config/load-config.js';
import { checkStoreConfig } from './stores/check-store-config.js';
import { loadStoreRegistry } from './stores/load-store-registry.js';
import { type OpenedStore, openStore } from './stores/open-store.js';

/** What every command works with: the resolved config, the embedding function, the store. */
export interface CliContext {
  config: CliConfig;
  file: string | undefined;
  overrides: string[];
  embedding: EmbeddingFunction;
  /** The configured reranker (`rerank` in the config), or `undefined` without one. */
  reranker: Reranker | undefined;
  /** Builds stores of the configured kind (and of the kinds loaded on the way). */
  stores: StoreRegistry;
  /** Opens the store on first use. */
  openStore(): Promise<OpenedStore>;
  /** Closes the store if it was opened. */
  close(): Promise<void>;
}

/**
 * Resolves the config, loading only the store package its `store.kind` needs and the provider
 * package its `embedding.provider` names (and the one `rerank.provider` names, when reranking is
 * configured), and builds the embedding function and reranker. The store itself
 * opens on first use.
 */
export async function createCliContext(options: ConfigOverrides): Promise<CliContext> {
  // First pass: which store kind and provider the config asks for, so only those are loaded.
  const { config: preliminary } = loadConfig(options, process.env);
  const [stores, providers] = await Promise.all([
    loadStoreRegistry(preliminary.store.kind),
    loadCliRegistry(preliminary.embedding.provider),
  ]);
  const { config, file, overrides } = loadConfig(
    options,
    process.env,
    embeddingConfigCheck(providers),
    (store) => checkStoreConfig(stores, store),
  );
  const embedding = providers.fromConfig(config.embedding);
  const reranker = config.rerank ? await loadCliReranker(config.rerank) : undefined;
  let opened: Promise<OpenedStore> | undefined;
  return {
    config,
    file,
    overrides,
    embedding,
    reranker,
    stores,
    openStore() {
      opened ??= openStore(stores, config.store, embedding);
      return opened;
    },
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
      await (embedding as { close?: () => Promise<void> }).close?.();
    },
  };
}
