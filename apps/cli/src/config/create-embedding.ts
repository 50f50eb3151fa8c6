import { type ConfigIssue, type EmbeddingFunction, InvalidConfigError } from '@embedkit/core';
import { cliRegistry } from './cli-registry.js';

/**
 * Problems with the `embedding` section, with paths under `embedding.`, found by building the
 * function through the registry (which validates the provider's own settings schema).
 */
export function checkEmbeddingConfig(embedding: unknown): ConfigIssue[] {
  try {
    cliRegistry().fromConfig(embedding);
    return [];
  } catch (error) {
    if (!InvalidConfigError.isInstance(error)) throw error;
    return error.issues.map((issue) => ({
      path: issue.path === '' ? 'embedding' : `embedding.${issue.path}`,
      message: issue.message,
    }));
  }
}

/** Builds the configured embedding function (the config was checked by `loadConfig`). */
export function createEmbedding(embedding: unknown): EmbeddingFunction {
  return cliRegistry().fromConfig(embedding);
}
