import type { EmbeddingFunction } from '@embedkit/core';
import type { CliConfig } from './config/cli-config-schema.js';
import { loadCliRegistry } from './config/cli-registry.js';
import { embeddingConfigCheck } from './config/embedding-config-check.js';
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

/**
 * Resolves the config and builds the embedding function, importing only the provider package the
 * config names (see `loadCliRegistry`).
 */
export async function createCliContext(options: ConfigOverrides): Promise<CliContext> {
  const registry = await loadCliRegistry(configuredProvider(options));
  const { config, file, overrides } = loadConfig(
    options,
    process.env,
    embeddingConfigCheck(registry),
  );
  const embedding = registry.fromConfig(config.embedding);
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

/**
 * The `provider` the resolved config names, found by a first pass of `loadConfig` that only looks
 * at the embedding section; its errors are left to the full pass, which reports all of them.
 */
function configuredProvider(options: ConfigOverrides): unknown {
  let provider: unknown;
  try {
    loadConfig(options, process.env, (embedding) => {
      provider = (embedding as { provider?: unknown } | undefined)?.provider;
      return [];
    });
  } catch {
    // Reported by the full pass in createCliContext.
  }
  return provider;
}
