import type { EmbeddingFunction } from '@embedkit/core';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/** Where the data lives when no path is given: the CLI's data folder, beside its other stores. */
export const defaultSqlitePath = '.embedkit/embedkit.sqlite';

/**
 * Column names of a collection's table. embedkit creates its tables with these names; a table
 * made by another tool is read through them (`{ id: 'doc_id', vector: 'embedding' }`), so it can
 * be searched without copying.
 */
export const sqliteFieldsSetting = z
  .object({
    /** Primary key column (text). Default `id`. */
    id: z.string().min(1).default('id'),
    /** Vector column: float32 BLOB (sqlite-vec's format) or a JSON array as text. Default `vector`. */
    vector: z.string().min(1).default('vector'),
    /** Text column. Default `text`. */
    text: z.string().min(1).default('text'),
    /** JSON metadata column (text). Default `metadata`. */
    metadata: z.string().min(1).default('metadata'),
  })
  .strict();

/** A collection is a table; any name works (it is quoted), but `sqlite_` names are SQLite's own. */
export const sqliteCollectionName = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (name) => !/^sqlite_/i.test(name),
    'names starting with "sqlite_" are reserved by SQLite',
  );

/** Vector metric; fixed when the collection is created. */
export const sqliteMetricSetting = z.enum(['cosine', 'ip', 'l2']);

/** What the driver needs besides a collection: the file and how to share it. */
export const sqliteEngineSettings = {
  /**
   * The SQLite file, created with its folder when missing; `:memory:` keeps everything in this
   * process. Default `.embedkit/embedkit.sqlite`.
   */
  path: z.string().min(1).default(defaultSqlitePath),
  /**
   * How long a write waits for another connection's write to finish (SQLite's busy timeout),
   * in milliseconds, before failing with a retryable `StoreError`. Default 5000.
   */
  busyTimeoutMs: z.number().int().min(0).max(600_000).default(5000),
  /** Column names; see `sqliteFieldsSetting`. */
  fields: sqliteFieldsSetting.default({
    id: 'id',
    vector: 'vector',
    text: 'text',
    metadata: 'metadata',
  }),
};

/** Settings of a `SqliteVecStoreDriver`. */
export const sqliteVecDriverSettings = z.object(sqliteEngineSettings).strict();

/** Settings of `createSqliteVecStore`: the driver's plus the collection and its metric. */
export const sqliteVecStoreSettings = z
  .object({
    collection: sqliteCollectionName.default('documents'),
    /**
     * Metric of a new collection (default `cosine`). An existing collection keeps the metric it
     * was built with; asking for another one is refused.
     */
    metric: sqliteMetricSetting.optional(),
    ...sqliteEngineSettings,
  })
  .strict();

export type SqliteFields = z.output<typeof sqliteFieldsSetting>;
export type SqliteVecDriverSettings = z.input<typeof sqliteVecDriverSettings>;
export type ResolvedSqliteVecDriverSettings = z.output<typeof sqliteVecDriverSettings>;
export type SqliteVecStoreSettings = z.input<typeof sqliteVecStoreSettings>;

/** What `createSqliteVecStore` takes: the settings plus what cannot be configured as JSON. */
export interface SqliteVecStoreOptions extends SqliteVecStoreSettings {
  /** Encodes documents and queries; its `toConfig()` and dimension are recorded with the collection. */
  embedding: EmbeddingFunction;
  /**
   * An open better-sqlite3 database to use instead of opening `path`. The driver loads
   * sqlite-vec into it and does not close it.
   */
  database?: Database;
}
