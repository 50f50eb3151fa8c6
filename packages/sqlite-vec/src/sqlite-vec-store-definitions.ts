import { defineStore } from '@embedkit/core';
import { z } from 'zod';
import { SqliteVecVectorStore } from './sqlite-vec-store.js';
import { SqliteVecStoreDriver } from './sqlite-vec-store-driver.js';
import {
  sqliteCollectionName,
  sqliteEngineSettings,
  sqliteMetricSetting,
} from './sqlite-vec-store-settings.js';

/** Settings of the `sqlite-vec` store kind: JSON only. */
export const sqliteVecStoreDefinitionSettings = z
  .object({
    /** The collection (table) configs name when they name none, as for the CLI's other stores. */
    collection: sqliteCollectionName.default('embedkit_documents'),
    /** Metric of a new collection (default `cosine`); an existing one keeps its own. */
    metric: sqliteMetricSetting.optional(),
    ...sqliteEngineSettings,
  })
  .strict();

export type SqliteVecStoreDefinitionSettings = z.input<typeof sqliteVecStoreDefinitionSettings>;

/**
 * The `sqlite-vec` store kind for `createStoreRegistry`: one SQLite file at `path` (default
 * `.embedkit/embedkit.sqlite`), created on first use.
 *
 * @example
 * const stores = createStoreRegistry([sqliteVecStore]);
 * const store = stores.fromConfig({ kind: 'sqlite-vec', path: 'data/docs.sqlite' }, { embedding });
 */
export const sqliteVecStore = defineStore({
  kind: 'sqlite-vec',
  description: 'SQLite with sqlite-vec, embedded: one local file, exact search, FTS5 hybrid',
  schema: sqliteVecStoreDefinitionSettings,
  create: ({ collection, metric, ...settings }, { embedding }) =>
    new SqliteVecVectorStore({
      driver: new SqliteVecStoreDriver(settings),
      embedding,
      collection,
      metric,
    }),
});
