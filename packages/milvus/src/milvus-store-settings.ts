import type { EmbeddingFunction, SparseEmbeddingFunction } from '@embedkit/core';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { z } from 'zod';

/** A Milvus collection name: letters, digits and underscores, not starting with a digit. */
export const milvusCollectionName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and "_" only, not starting with a digit')
  .max(255);

/** Vector metric; fixed when the collection is created. */
export const milvusMetricSetting = z.enum(['cosine', 'ip', 'l2']);

/**
 * How the driver creates collections, writes and reads: everything that is neither the server
 * nor a collection's name. Shared by `createMilvusStore` and the registry's store kinds.
 */
export const milvusEngineSettings = {
  /** Dense vector index. Milvus Lite supports AUTOINDEX, FLAT, HNSW and IVF_FLAT. */
  index: z
    .object({
      type: z.enum(['AUTOINDEX', 'FLAT', 'HNSW', 'IVF_FLAT']).default('AUTOINDEX'),
      params: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
    })
    .strict()
    .default({ type: 'AUTOINDEX', params: {} }),
  /**
   * Whether new collections get the BM25 sparse side (server-side full-text function on the
   * text field) that `hybridSearch` needs. Requires Milvus 2.5+ or Milvus Lite 3.
   */
  fullText: z.boolean().default(true),
  /**
   * Whether the store keeps caller-given sparse vectors (a `sparseEmbedding` such as
   * `@embedkit/bm25`, or `addVectors` rows with `sparseVector`) in a `sparse_vector` field
   * (`SPARSE_FLOAT_VECTOR`, `SPARSE_INVERTED_INDEX`, inner product). Off by default, so
   * collections hold only what they use; `createMilvusStore` turns it on when given a
   * `sparseEmbedding`. Milvus cannot add a vector field later, so it applies to collections
   * created with it: an existing collection without the field is refused.
   */
  sparseVectors: z.boolean().default(false),
  /** Analyzer of the text field for BM25, in Milvus' `analyzer_params` form. */
  analyzer: z.record(z.string(), z.unknown()).optional(),
  /** Maximum text length in UTF-8 bytes (the VarChar field's `max_length`), at most 65,535. */
  textMaxLength: z.number().int().min(1).max(65_535).default(65_535),
  /** What to do with a longer text: refuse the call (`error`) or store and embed a prefix. */
  textOverflow: z.enum(['error', 'truncate']).default('error'),
  /** Rows per insert request. */
  insertBatchRows: z.number().int().min(1).max(100_000).default(1000),
  /** Estimated bytes per insert request; keeps requests under gRPC message limits. */
  insertBatchBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  /**
   * How upserts travel. `direct` (default) encodes each request's columns straight from the
   * `Float32Array` vectors and sends it on the SDK's own connection, so its address, TLS,
   * token, database and retries still apply; `sdk` hands rows to `client.upsert`, which
   * converts every float separately and costs about 15× the client CPU. `direct` falls back
   * to `sdk` by itself when a client does not expose its channel pool.
   */
  writePath: z.enum(['direct', 'sdk']).default('direct'),
  /** Deadline of each server call, in milliseconds. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** How long the first call waits for the server before failing, in milliseconds. */
  connectTimeoutMs: z.number().int().positive().default(10_000),
  /**
   * Read consistency. `Strong` (default) makes `count`, `get` and `search` see every completed
   * write, which is what a store that upserts and then counts promises; `Bounded` is faster on
   * a busy cluster.
   */
  consistencyLevel: z.enum(['Strong', 'Session', 'Bounded', 'Eventually']).default('Strong'),
  /**
   * For a collection another tool created (pymilvus' quick setup, an existing schema): which
   * fields hold the id, the vector, the text and the metadata (a JSON field, or `$meta` for the
   * dynamic field). Unset names are found in the schema (the primary key, the only float-vector
   * field, `text`, `metadata` or the dynamic field). Ignored for collections embedkit created.
   */
  fields: z
    .object({
      id: z.string().min(1).optional(),
      vector: z.string().min(1).optional(),
      text: z.string().min(1).optional(),
      metadata: z.string().min(1).optional(),
    })
    .strict()
    .optional(),
};

/** Where the server is: an address, or the Milvus Lite data path used when there is none. */
const connectionSettings = {
  /**
   * Server address: `host:port`, `http(s)://host:port`, or the address `startMilvusLite()`
   * returns. Default: the `MILVUS_URI` environment variable; without either, Milvus Lite is
   * started on `dbPath`.
   */
  address: z.string().min(1).optional(),
  /** Token (`user:password` or a Zilliz Cloud API key). Default: read from `tokenEnv`. Never logged. */
  token: z.string().min(1).optional(),
  /** The environment variable the token is read from, when the first call connects, if `token` is not given. */
  tokenEnv: z.string().min(1).default('MILVUS_TOKEN'),
  /** Milvus database; the server's default database when omitted. */
  database: z.string().min(1).optional(),
  /** Where the embedded Milvus Lite keeps its data when no address is configured. */
  dbPath: z.string().min(1).default('milvus.db'),
};

/**
 * Settings of a `MilvusStoreDriver`: the server and how collections are made, written and read.
 * One driver can serve several collections; their names and metrics come from each store.
 */
export const milvusDriverSettings = z
  .object({ ...connectionSettings, ...milvusEngineSettings })
  .strict();

/**
 * Settings of a Milvus store. Everything has a default except the embedding function, so
 * `createMilvusStore({ embedding, address })` is a complete configuration.
 */
export const milvusStoreSettings = z
  .object({
    /** Collection name: letters, digits and underscores, not starting with a digit. */
    collection: milvusCollectionName.default('documents'),
    /**
     * Vector metric of a new collection (default `cosine`). An existing collection keeps the
     * metric it was built with; asking for another one is refused.
     */
    metric: milvusMetricSetting.optional(),
    ...connectionSettings,
    ...milvusEngineSettings,
  })
  .strict();

export type MilvusDriverSettings = z.input<typeof milvusDriverSettings>;
export type ResolvedMilvusDriverSettings = z.output<typeof milvusDriverSettings>;
export type MilvusStoreSettings = z.input<typeof milvusStoreSettings>;
export type ResolvedMilvusStoreSettings = z.output<typeof milvusStoreSettings>;

/** What `createMilvusStore` takes: the settings plus the objects that cannot be configured as JSON. */
export interface MilvusStoreOptions extends MilvusStoreSettings {
  /** Encodes documents and queries; its `toConfig()` and dimension are recorded in the collection. */
  embedding: EmbeddingFunction;
  /**
   * A sparse embedding (`@embedkit/bm25`, …) whose vectors are stored beside the dense ones in
   * the `sparse_vector` field (it turns `sparseVectors` on); `hybridSearch(text)` then fuses a
   * dense and a sparse query in core instead of using the server-side BM25 side.
   */
  sparseEmbedding?: SparseEmbeddingFunction;
  /**
   * An SDK client to use instead of creating one from `address` and `token`. The store does not
   * close a client it was given.
   */
  client?: MilvusClient;
}
