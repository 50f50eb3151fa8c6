import {
  type CreateVectorStoreOptions,
  DriverVectorStore,
  InvalidConfigError,
  zodIssues,
} from '@embedkit/core';
import { PgvectorStoreDriver } from './pgvector-store-driver.js';
import { type PgvectorStoreOptions, pgvectorStoreSettings } from './pgvector-store-settings.js';

/** What a `PgvectorVectorStore` is built from: core's store options on a pgvector driver. */
export interface PgvectorVectorStoreOptions extends CreateVectorStoreOptions {
  driver: PgvectorStoreDriver;
}

/**
 * A `VectorStore` on PostgreSQL with pgvector: PGlite in this process, or any PostgreSQL server
 * (self-hosted or managed) through node-postgres. Core's store on a `PgvectorStoreDriver`, with
 * `hybridSearch` (dense + PostgreSQL full-text search) always present. See `createPgvectorStore`.
 */
export class PgvectorVectorStore extends DriverVectorStore {
  declare readonly driver: PgvectorStoreDriver;

  constructor(options: PgvectorVectorStoreOptions) {
    super(options);
  }
}

/**
 * Creates a pgvector store. Nothing connects until first use. The database is an injected
 * `pool` or `pglite`, else a server from `connectionString` (or the variable
 * `connectionStringEnv` names), else PGlite on `path` (default `.embedkit/pglite`).
 */
export function createPgvectorStore(options: PgvectorStoreOptions): PgvectorVectorStore {
  const { embedding, sparseEmbedding, pool, pglite, ...settings } =
    options ?? ({} as PgvectorStoreOptions);
  const parsed = pgvectorStoreSettings.safeParse(settings);
  if (!parsed.success) {
    throw new InvalidConfigError({
      subject: 'pgvector store settings',
      issues: zodIssues(parsed.error),
    });
  }
  const { collection, metric, ...driverSettings } = parsed.data;
  return new PgvectorVectorStore({
    driver: new PgvectorStoreDriver({ ...driverSettings, pool, pglite }),
    embedding,
    ...(sparseEmbedding === undefined ? {} : { sparseEmbedding }),
    collection,
    metric,
  });
}
