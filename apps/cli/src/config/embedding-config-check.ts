import { type ConfigIssue, InvalidConfigError, type Registry } from '@embedkit/core';

/**
 * A check for the `embedding` section (for `loadConfig`), reporting problems with paths under
 * `embedding.`, found by building the function through `registry` (which validates the
 * provider's own settings schema).
 */
export function embeddingConfigCheck(registry: Registry): (embedding: unknown) => ConfigIssue[] {
  return (embedding) => {
    try {
      registry.fromConfig(embedding);
      return [];
    } catch (error) {
      if (!InvalidConfigError.isInstance(error)) throw error;
      return error.issues.map((issue) => ({
        path: issue.path === '' ? 'embedding' : `embedding.${issue.path}`,
        message: issue.message,
      }));
    }
  };
}
