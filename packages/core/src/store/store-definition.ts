import type { z } from 'zod';
import type { EmbeddingFunction } from '../embedding/embedding-function.js';
import type { VectorStore } from './vector-store.js';

/** What a store is built with besides its own settings. */
export interface StoreContext {
  /** The function that embeds what the store indexes and searches. */
  embedding: EmbeddingFunction;
}

/**
 * What a store package exports for config-driven use: a kind, the schema of its settings (plain
 * JSON: no secret values, no runtime objects — a token is named by its environment variable) and
 * a factory. Nothing is registered at import time; an app lists the definitions it wants, and
 * the CLI finds them by kind without naming any store in its code.
 */
export interface StoreDefinition<Settings = unknown> {
  /** The `kind` value in configs, e.g. `memory`, `milvus-lite`. */
  readonly kind: string;
  /** One line for listings (`embedkit info`): engine and where data lives. */
  readonly description: string;
  /** Validates the settings (the config without `kind`); strict, so typos fail. */
  readonly schema: { safeParse(value: unknown): z.ZodSafeParseResult<Settings> };
  /** Builds the store; nothing connects until its first use. */
  create(settings: Settings, context: StoreContext): VectorStore;
}

/** Declares a store definition with its settings type inferred from the schema. */
export function defineStore<Schema extends z.ZodType>(definition: {
  kind: string;
  description: string;
  schema: Schema;
  create: (settings: z.infer<Schema>, context: StoreContext) => VectorStore;
}): StoreDefinition<z.infer<Schema>> {
  return definition;
}
