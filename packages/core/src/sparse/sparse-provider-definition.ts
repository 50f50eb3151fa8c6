import type { z } from 'zod';
import { createRegistry, type Registry } from '../registry/create-registry.js';
import type { SparseEmbeddingFunction } from './sparse-embedding-function.js';

/**
 * What a sparse provider package exports for config-driven use, like `ProviderDefinition` for
 * dense functions: an id, the schema of its settings and a factory. Nothing registers at import.
 */
export interface SparseProviderDefinition<Settings = unknown> {
  /** The `provider` value in configs, e.g. `bm25`. */
  readonly id: string;
  /** Validates the settings (the config without `provider` and `dim`); strict, so typos fail. */
  readonly schema: { safeParse(value: unknown): z.ZodSafeParseResult<Settings> };
  /** Builds the function from validated settings. */
  create(settings: Settings): SparseEmbeddingFunction;
}

/** Declares a sparse provider definition with its settings type inferred from the schema. */
export function defineSparseProvider<Schema extends z.ZodType>(definition: {
  id: string;
  schema: Schema;
  create: (settings: z.infer<Schema>) => SparseEmbeddingFunction;
}): SparseProviderDefinition<z.infer<Schema>> {
  return definition;
}

/**
 * Builds sparse embedding functions from plain configs (`fn.toConfig()` round-trips), with the
 * same checks as `createRegistry`: unknown providers, strict settings, a stale `dim`.
 */
export function createSparseRegistry(
  definitions: readonly SparseProviderDefinition[],
): Registry<SparseEmbeddingFunction> {
  return createRegistry<SparseEmbeddingFunction>(definitions);
}
