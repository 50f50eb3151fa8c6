import type { EmbeddingFunction } from '@embedkit/core';
import type { CliConfig } from './config/cli-config-schema.js';
import { checkEmbeddingConfig, createEmbedding } from './config/create-embedding.js';
import { type ConfigOverrides, loadConfig } from './config/load-config.js';
import { type OpenedStore, openStore } from './stores/open-store.js';

/** What every command works with: the resolved config, the embedding function, the store. */
export interface CliContext {
  config: CliConfig;
  file: string | undefined;
  overrides: string[];
  embedding: EmbeddingFunction;
  /** Opens the store on first use. */
  openStore(): Promise<OpenedStore>;
  /** Closes the store if it was opened. */
  close(): Promise<void>;
}

export function createCliContext(options: ConfigOverrides): CliContext {
  const { config, file, overrides } = loadConfig(options, process.env, checkEmbeddingConfig);
  const embedding = createEmbedding(config.embedding);
  let opened: Promise<OpenedStore> | undefined;
  return {
    config,
    file,
    overrides,
    embedding,
    openStore() {
      opened ??= openStore(config.store, embedding);
      return opened;
    },
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
      await (embedding as { close?: () => Promise<void> }).close?.();
    },
  };
}
