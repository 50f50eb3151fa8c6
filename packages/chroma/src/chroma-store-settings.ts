import type { EmbeddingFunction } from '@embedkit/core';
import { z } from 'zod';

/**
 * A Chroma collection name as the server accepts it: 3–512 characters from `[a-zA-Z0-9._-]`,
 * starting and ending with a letter or digit. Checked here so a bad name fails before any call.
 */
export const chromaCollectionName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]$/,
    '3–512 characters from [a-zA-Z0-9._-], starting and ending with a letter or digit',
  );

/** Vector metric of a new collection, stored as Chroma's HNSW `space` (cosine, ip, l2). */
export const chromaMetricSetting = z.enum(['cosine', 'ip', 'l2']);

/**
 * Where a collection made by another tool keeps what embedkit calls a document's text. Chroma
 * records always have an id and an embedding; only the text may live elsewhere than the record's
 * `document` (LangChain and most tools use the document; some keep it in a metadata key).
 */
export const chromaFieldsSetting = z
  .object({
    /** The metadata key that holds the text, instead of the record's `document`. */
    text: z.string().min(1).optional(),
  })
  .strict();

/** Where the server is and who is calling: shared by `createChromaStore` and the `chroma` kind. */
export const chromaConnectionSettings = {
  /**
   * The Chroma server: `http(s)://host:port`, no path. Default `http://localhost:8000`
   * (`chroma run`'s address).
   */
  url: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .refine((url) => {
      const parsed = new URL(url);
      return parsed.pathname === '/' && !parsed.search && !parsed.username && !parsed.password;
    }, 'expected http(s)://host:port with no path, query or credentials (the token goes in the variable tokenEnv names)')
    .default('http://localhost:8000'),
  /** Chroma tenant; the server's `default_tenant` when omitted. */
  tenant: z.string().min(1).optional(),
  /** Chroma database; the server's `default_database` when omitted. */
  database: z.string().min(1).optional(),
  /**
   * The environment variable holding the auth token (a Chroma Cloud API key, or the token of a
   * server run with token auth), read when the first call connects. Unset or empty: no token.
   */
  tokenEnv: z.string().min(1).default('CHROMA_API_KEY'),
  /** The header the token travels in: Chroma's own `x-chroma-token` or `Authorization: Bearer`. */
  tokenHeader: z.enum(['x-chroma-token', 'authorization']).default('x-chroma-token'),
};

/** How the driver writes and reads: everything that is neither the server nor a collection. */
export const chromaEngineSettings = {
  /**
   * Rows per upsert request, at most. The server's own limit (`max_batch_size`, which it reports)
   * always applies on top; lower this to keep requests small on a slow link.
   */
  maxBatchSize: z.number().int().min(1).optional(),
  fields: chromaFieldsSetting.optional(),
};

/** Settings of a `ChromaStoreDriver`: the server and how rows are written and read. */
export const chromaDriverSettings = z
  .object({
    ...chromaConnectionSettings,
    /** The token itself, for programs that hold it already. Default: read from `tokenEnv`. Never logged. */
    token: z.string().min(1).optional(),
    ...chromaEngineSettings,
  })
  .strict();

/**
 * Settings of a Chroma store. Everything has a default except the embedding function, so
 * `createChromaStore({ embedding })` talks to `chroma run` on localhost:8000.
 */
export const chromaStoreSettings = z
  .object({
    collection: chromaCollectionName.default('documents'),
    /**
     * Metric of a new collection (default `cosine`). An existing collection keeps the space it was
     * built with; asking for another one is refused.
     */
    metric: chromaMetricSetting.optional(),
    ...chromaDriverSettings.shape,
  })
  .strict();

export type ChromaDriverSettings = z.input<typeof chromaDriverSettings>;
export type ResolvedChromaDriverSettings = z.output<typeof chromaDriverSettings>;
export type ChromaStoreSettings = z.input<typeof chromaStoreSettings>;
export type ChromaFields = z.infer<typeof chromaFieldsSetting>;

/** What `createChromaStore` takes: the settings plus the embedding function. */
export interface ChromaStoreOptions extends ChromaStoreSettings {
  /** Encodes documents and queries; its `toConfig()` and dimension are recorded in the collection. */
  embedding: EmbeddingFunction;
}
