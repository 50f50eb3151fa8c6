import {
  type CreateVectorStoreOptions,
  DriverVectorStore,
  InvalidConfigError,
  zodIssues,
} from '@embedkit/core';
import { SqliteVecStoreDriver } from './sqlite-vec-store-driver.js';
import { type SqliteVecStoreOptions, sqliteVecStoreSettings } from './sqlite-vec-store-settings.js';

/** What a `SqliteVecVectorStore` is built from: core's store options on a sqlite-vec driver. */
export interface SqliteVecVectorStoreOptions extends CreateVectorStoreOptions {
  driver: SqliteVecStoreDriver;
}

/**
 * A `VectorStore` in one SQLite file with sqlite-vec: exact vector search, FTS5 hybrid search and
 * JSON metadata filters, no server. Core's store on a `SqliteVecStoreDriver`; see
 * `createSqliteVecStore`.
 */
export class SqliteVecVectorStore extends DriverVectorStore {
  declare readonly driver: SqliteVecStoreDriver;

  constructor(options: SqliteVecVectorStoreOptions) {
    super(options);
  }
}

/**
 * Creates a sqlite-vec vector store. The file (default `.embedkit/embedkit.sqlite`) and its
 * folder are created on first use; several processes may share it (WAL, busy timeout).
 */
export function createSqliteVecStore(options: SqliteVecStoreOptions): SqliteVecVectorStore {
  const { embedding, database, ...settings } = options ?? ({} as SqliteVecStoreOptions);
  const parsed = sqliteVecStoreSettings.safeParse(settings);
  if (!parsed.success) {
    throw new InvalidConfigError({
      subject: 'sqlite-vec store settings',
      issues: zodIssues(parsed.error),
    });
  }
  const { collection, metric, ...driverSettings } = parsed.data;
  return new SqliteVecVectorStore({
    driver: new SqliteVecStoreDriver({ ...driverSettings, database }),
    embedding,
    collection,
    metric,
  });
}
