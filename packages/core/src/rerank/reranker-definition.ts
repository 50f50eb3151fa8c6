import type { z } from 'zod';
import type { Reranker } from './reranker.js';

/**
 * What a provider package exports for config-driven reranking, like `ProviderDefinition` for
 * embeddings: an id, the schema of its settings and a factory. Nothing is registered at import
 * time; an app lists the definitions it wants in `createRerankerRegistry`.
 */
export interface RerankerDefinition<Settings = unknown> {
  /** The `provider` value in reranker configs, e.g. `cohere`. */
  readonly id: string;
  /** Validates the settings (the config without `provider`); strict, so typos fail. */
  readonly schema: { safeParse(value: unknown): z.ZodSafeParseResult<Settings> };
  /** Builds the reranker from validated settings. */
  create(settings: Settings): Reranker;
}

/** Declares a reranker definition with its settings type inferred from the schema. */
export function defineReranker<Schema extends z.ZodType>(definition: {
  id: string;
  schema: Schema;
  create: (settings: z.infer<Schema>) => Reranker;
}): RerankerDefinition<z.infer<Schema>> {
  return definition;
}
