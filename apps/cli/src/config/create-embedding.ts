import { type EmbeddingFunction, InvalidConfigError } from '@embedkit/core';
import type { CliConfig } from './cli-config-schema.js';
import { cliRegistry } from './cli-registry.js';

/** Builds the configured embedding function, reporting config problems under `embedding.`. */
export function createEmbedding(config: CliConfig, file: string | undefined): EmbeddingFunction {
  try {
    return cliRegistry().fromConfig(config.embedding);
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) {
      throw new InvalidConfigError({
        subject: file ? `config file ${file}` : 'configuration',
        issues: error.issues.map((issue) => ({
          path: issue.path === '' ? 'embedding' : `embedding.${issue.path}`,
          message: issue.message,
        })),
        cause: error,
      });
    }
    throw error;
  }
}
