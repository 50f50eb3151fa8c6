import type { EmbeddingFunction, SparseEmbeddingFunction } from '@embedkit/core';
import { z } from 'zod';
import type { PgliteDatabase, PostgresPool } from './sql-connection.js';

/**
 * A table name: any text of 1 to 63 bytes (PostgreSQL's identifier limit) without a NUL. Names
 * are always double-quoted with embedded quotes doubled, so a name is a name, never SQL.
 */
export const pgvectorCollectionName = z
  .string()
  .min(1)
  .refine((name) => Buffer.byteLength(name, 'utf8') <= 63, {
    message: 'at most 63 bytes (PostgreSQL truncates longer identifiers)',
  })
  .refine((name) => !name.includes('\u0000'), { message: 'must not contain a NUL character' });

/** Vector metric; fixed when the table is created (it picks the HNSW operator class). */
export const pgvectorMetricSetting = z.enum(['cosine', 'ip', 'l2']);

/**
 * Column names of a table made by another tool, for opening it as a collection. Defaults are
 * the columns embedkit creates.
 */
export const pgvectorFieldsSetting = z
  .object({
    id: z.string().min(1).default('id'),
    vector: z.string().min(1).default('embedding'),
    text: z.string().min(1).default('text'),
    metadata: z.string().min(1).default('metadata'),
  })
  .strict();

/** A text search configuration name such as `simple`, `english` or `public.my_config`. */
const textSearchConfigName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/,
    'a text search configuration name such as "simple" or "english"',
  );

/**
 * How the driver creates, writes and reads tables: everything that is neither the database nor a
 * collection's name. Shared by `createPgvectorStore` and the registry's store kinds.
 */
export const pgvectorEngineSettings = {
  /**
   * Text search configuration of the `tsvector` column new tables get for `hybridSearch`
   * (`simple`: lower-cased words, any language; `english`: stemmed, stop words dropped). Kept
   * with the collection; queries use the collection's.
   */
  textSearchConfig: textSearchConfigName.default('simple'),
  /**
   * How hybrid search's full-text side reads the query: `any` (default) matches documents with
   * any of its words, ranked by `ts_rank`; `websearch` is `websearch_to_tsquery` (every word
   * must occur; `"quoted phrases"`, `or`, `-word`).
   */
  textQuery: z.enum(['any', 'websearch']).default('any'),
  /** HNSW build parameters of new tables (`m`: links per node, `efConstruction`: build-time candidates). */
  hnsw: z
    .object({
      m: z.number().int().min(2).max(100).default(16),
      efConstruction: z.number().int().min(4).max(1000).default(64),
    })
    .strict()
    .default({ m: 16, efConstruction: 64 }),
  /**
   * `hnsw.ef_search` of unfiltered searches: how many candidates an HNSW scan keeps (each query
   * uses at least its topK). Unset, the server's own setting (pgvector's default is 40) serves
   * topK ≤ 40. Raise it when recall matters more than latency: HNSW is approximate, and on small
   * or clustered tables a low value can miss the nearest row. At most 1,000 (pgvector's limit).
   */
  efSearch: z.number().int().min(1).max(1000).optional(),
  /** Rows per `INSERT` statement (4 bound parameters each, so at most 16,383). */
  insertBatchRows: z.number().int().min(1).max(16_383).default(500),
  /** Column names, to open a table made by another tool (see "Foreign tables"). */
  fields: pgvectorFieldsSetting.optional(),
};

/** Where the database is: a connection string (or its variable), or PGlite's data directory. */
const connectionSettings = {
  /**
   * A PostgreSQL connection string, e.g. `postgres://user:password@host:5432/db`. Never printed:
   * `location` shows host, port and database only.
   */
  connectionString: z.string().min(1).optional(),
  /**
   * The environment variable holding the connection string, read when the store first
   * connects. Setting it (or `connectionString`) selects PostgreSQL over PGlite.
   */
  connectionStringEnv: z.string().min(1).optional(),
  /** PGlite's data directory when no server is configured. Default `.embedkit/pglite`. */
  path: z.string().min(1).default('.embedkit/pglite'),
};

/**
 * Settings of a `PgvectorStoreDriver`: the database and how tables are made, written and read.
 * One driver can serve several collections (tables) on one pool or PGlite.
 */
export const pgvectorDriverSettings = z
  .object({ ...connectionSettings, ...pgvectorEngineSettings })
  .strict()
  .refine(
    (settings) =>
      settings.connectionString === undefined || settings.connectionStringEnv === undefined,
    {
      message: 'give connectionString or connectionStringEnv, not both',
      path: ['connectionStringEnv'],
    },
  );

/** Settings of a pgvector store: the driver's plus the collection and its metric. */
export const pgvectorStoreSettings = z
  .object({
    /** Table name. Default `documents`. */
    collection: pgvectorCollectionName.default('documents'),
    /**
     * Metric of a new table (default `cosine`). An existing collection keeps its own; asking
     * for another one is refused.
     */
    metric: pgvectorMetricSetting.optional(),
    ...connectionSettings,
    ...pgvectorEngineSettings,
  })
  .strict()
  .refine(
    (settings) =>
      settings.connectionString === undefined || settings.connectionStringEnv === undefined,
    {
      message: 'give connectionString or connectionStringEnv, not both',
      path: ['connectionStringEnv'],
    },
  );

export type PgvectorDriverSettings = z.input<typeof pgvectorDriverSettings>;
export type ResolvedPgvectorDriverSettings = z.output<typeof pgvectorDriverSettings>;
export type PgvectorStoreSettings = z.input<typeof pgvectorStoreSettings>;
export type PgvectorFields = z.output<typeof pgvectorFieldsSetting>;

/** What the driver takes besides JSON settings: a database to use instead of creating one. */
export interface PgvectorDatabaseOptions {
  /**
   * A node-postgres pool (`new pg.Pool(…)`) to use instead of one made from the connection
   * string. The driver does not end a pool it was given.
   */
  pool?: PostgresPool;
  /**
   * A PGlite instance with the `vector` extension loaded, to use instead of opening `path`.
   * The driver does not close an instance it was given.
   */
  pglite?: PgliteDatabase;
}

/** What `createPgvectorStore` takes: the settings plus objects that cannot be configured as JSON. */
export interface PgvectorStoreOptions extends PgvectorStoreSettings, PgvectorDatabaseOptions {
  /** Encodes documents and queries; its `toConfig()` and dimension are recorded with the table. */
  embedding: EmbeddingFunction;
  /**
   * A sparse embedding (`@embedkit/bm25`, …) kept beside the dense one in a `sparsevec` column;
   * `hybridSearch(text)` then fuses dense and sparse hits in core instead of using full-text
   * search. See "Sparse vectors" in the README.
   */
  sparseEmbedding?: SparseEmbeddingFunction;
}
