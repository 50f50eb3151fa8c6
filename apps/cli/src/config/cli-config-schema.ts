import { z } from 'zod';

const collection = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,254}$/,
    'use letters, digits and underscores, starting with a letter or underscore',
  )
  .default('embedkit_documents');

/** Where vectors live. One edit switches between them; no code changes. */
export const storeConfigSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('memory'),
      /** JSON file the memory store is saved to between runs; in memory only when absent. */
      path: z.string().min(1).optional(),
      collection,
    })
    .strict(),
  z
    .object({
      kind: z.literal('milvus-lite'),
      /** Milvus Lite data file; started and stopped by the CLI. */
      path: z.string().min(1).default('.embedkit/milvus.db'),
      collection,
    })
    .strict(),
  z
    .object({
      kind: z.literal('milvus'),
      /** A Milvus server or Zilliz Cloud endpoint, e.g. `http://127.0.0.1:19530`. */
      address: z.string().min(1),
      /** Name of the environment variable holding the token; the token itself never goes in a file. */
      tokenEnv: z.string().min(1).default('MILVUS_TOKEN'),
      collection,
    })
    .strict(),
]);

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

/** `embedkit.config.json`. */
export const cliConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** An embedding config for the registry: `{ "provider": "hashing" | "jina" | "openai" | …, …settings }`. */
    embedding: z.looseObject({ provider: z.string() }).default({ provider: 'hashing' }),
    store: storeConfigSchema.default({
      kind: 'milvus-lite',
      path: '.embedkit/milvus.db',
      collection: 'embedkit_documents',
    }),
    chunking: chunkingConfigSchema.default({ size: 256, overlap: 32 }),
  })
  .strict();

export type CliConfig = z.infer<typeof cliConfigSchema>;
export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type ChunkingConfig = z.infer<typeof chunkingConfigSchema>;
