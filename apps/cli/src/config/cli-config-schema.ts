import { z } from 'zod';

/**
 * Where vectors live: `{ "kind": …, …settings }` for any store the CLI can load (see
 * `stores/store-packages.ts`); the store's own definition validates the settings. One edit
 * switches between them; no code changes.
 */
export const storeConfigSchema = z.looseObject({ kind: z.string().min(1) });

/** The store when the config names none: Milvus Lite in the project's `.embedkit` folder. */
export const defaultStoreConfig = { kind: 'milvus-lite', path: '.embedkit/milvus.db' };

/** The collection when the config names none. */
export const defaultCollection = 'embedkit_documents';

/** How long texts are cut before embedding, in (estimated) tokens. */
export const chunkingConfigSchema = z
  .object({
    size: z.number().int().min(16).max(32_768).default(256),
    overlap: z.number().int().min(0).default(32),
  })
  .strict()
  .refine((chunking) => chunking.overlap < chunking.size, {
    message: 'overlap must be smaller than size',
    path: ['overlap'],
  });

/**
 * The second stage of `embedkit search`: `{ "provider": "cohere" | "jina" | "voyage" | "tei",
 * "candidates"?: n, …the reranker's settings }`. Hits fetched before reranking default to
 * `max(topK × 3, 30)`; the reranker's own schema validates the rest.
 */
export const rerankConfigSchema = z.looseObject({
  provider: z.string().min(1),
  candidates: z.number().int().positive().optional(),
});

/** `embedkit.config.json`. */
export const cliConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** An embedding config for the registry: `{ "provider": "hashing" | "jina" | "openai" | …, …settings }`. */
    embedding: z.looseObject({ provider: z.string() }).default({ provider: 'hashing' }),
    store: storeConfigSchema.default({ ...defaultStoreConfig, collection: defaultCollection }),
    chunking: chunkingConfigSchema.default({ size: 256, overlap: 32 }),
    /** Rerank search hits with this reranker (turn it off per search with `--no-rerank`). */
    rerank: rerankConfigSchema.optional(),
  })
  .strict();

export type CliConfig = z.infer<typeof cliConfigSchema>;
export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type ChunkingConfig = z.infer<typeof chunkingConfigSchema>;
export type CliRerankConfig = z.infer<typeof rerankConfigSchema>;
