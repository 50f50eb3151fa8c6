import type { z } from 'zod';
import type { EmbeddingFunction } from '../embedding/embedding-function.js';

/**
 * What a provider package exports for config-driven use: an id, the schema of its settings and
 * a factory. Nothing is registered at import time; an app lists the definitions it wants.
 */
export interface ProviderDefinition<Settings = unknown> {
  /** The `provider` value in configs, e.g. `jina`. */
  readonly id: string;
  /** Validates the settings (the config without `provider` and `dim`); strict, so typos fail. */
  readonly schema: { safeParse(value: unknown): z.ZodSafeParseResult<Settings> };
  /** Builds the function from validated settings. */
  create(settings: Settings): EmbeddingFunction;
}

/** Declares a provider definition with its settings type inferred from the schema. */
export function defineProvider<Schema extends z.ZodType>(definition: {
  id: string;
  schema: Schema;
  create: (settings: z.infer<Schema>) => EmbeddingFunction;
}): ProviderDefinition<z.infer<Schema>> {
  return definition;
}
