import { defineStore } from '@embedkit/core';
import { z } from 'zod';
import { PgvectorVectorStore } from './pgvector-store.js';
import { PgvectorStoreDriver } from './pgvector-store-driver.js';
import {
  pgvectorCollectionName,
  pgvectorEngineSettings,
  pgvectorMetricSetting,
} from './pgvector-store-settings.js';

/** The collection configs name when they name none (the CLI's default). */
const defaultCollection = 'embedkit_documents';

/** Settings of the `pglite` store kind: JSON only. */
export const pgliteStoreSettings = z
  .object({
    /** PGlite's data directory, relative to the working directory. Default `.embedkit/pglite`. */
    path: z.string().min(1).default('.embedkit/pglite'),
    collection: pgvectorCollectionName.default(defaultCollection),
    /** Metric of a new table (default `cosine`); an existing one keeps its own. */
    metric: pgvectorMetricSetting.optional(),
    ...pgvectorEngineSettings,
  })
  .strict();

/** Settings of the `postgres` store kind: JSON only, so the connection string is named by its variable. */
export const postgresStoreSettings = z
  .object({
    /**
     * A connection string without a password (`postgres://app@db.internal:5432/rag`, with the
     * password in `PGPASSWORD` or `~/.pgpass`). One with a password belongs in the variable
     * `connectionStringEnv` names instead.
     */
    connectionString: z.string().min(1).optional(),
    /** The variable holding the connection string, read when the store connects. Default `DATABASE_URL`. */
    connectionStringEnv: z.string().min(1).default('DATABASE_URL'),
    collection: pgvectorCollectionName.default(defaultCollection),
    /** Metric of a new table (default `cosine`); an existing one keeps its own. */
    metric: pgvectorMetricSetting.optional(),
    ...pgvectorEngineSettings,
  })
  .strict()
  .refine((settings) => !hasPassword(settings.connectionString), {
    message:
      'a connection string in a config must not hold a password: put the whole string in the variable connectionStringEnv names (default DATABASE_URL), or the password in PGPASSWORD',
    path: ['connectionString'],
  });

export type PgliteStoreSettings = z.input<typeof pgliteStoreSettings>;
export type PostgresStoreSettings = z.input<typeof postgresStoreSettings>;

/**
 * The `pglite` store kind for `createStoreRegistry`: PostgreSQL with pgvector in this process
 * (PGlite, WebAssembly), its data in `path`. No server to install or start.
 *
 * @example
 * const stores = createStoreRegistry([pgliteStore, postgresStore]);
 * const store = stores.fromConfig({ kind: 'pglite', path: 'data/pglite' }, { embedding });
 */
export const pgliteStore = defineStore({
  kind: 'pglite',
  description: 'PostgreSQL + pgvector embedded (PGlite), in a local data directory',
  schema: pgliteStoreSettings,
  create: ({ collection, metric, ...settings }, { embedding }) =>
    new PgvectorVectorStore({
      driver: new PgvectorStoreDriver(settings),
      embedding,
      collection,
      metric,
    }),
});

/**
 * The `postgres` store kind for `createStoreRegistry`: any PostgreSQL server with pgvector,
 * its connection string read from the variable `connectionStringEnv` names (default
 * `DATABASE_URL`) when the store first connects.
 */
export const postgresStore = defineStore({
  kind: 'postgres',
  description: 'PostgreSQL + pgvector server (self-hosted or managed), by connection string',
  schema: postgresStoreSettings,
  create: (
    { collection, metric, connectionString, connectionStringEnv, ...settings },
    { embedding },
  ) =>
    new PgvectorVectorStore({
      driver: new PgvectorStoreDriver({
        ...settings,
        ...(connectionString === undefined ? { connectionStringEnv } : { connectionString }),
      }),
      embedding,
      collection,
      metric,
    }),
});

function hasPassword(connectionString: string | undefined): boolean {
  if (connectionString === undefined) return false;
  try {
    const url = new URL(connectionString);
    return url.password !== '' || url.searchParams.has('password');
  } catch {
    return /(^|\s)password\s*=/.test(connectionString);
  }
}
