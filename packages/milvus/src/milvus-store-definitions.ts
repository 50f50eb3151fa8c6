import { defineStore } from '@embedkit/core';
import { z } from 'zod';
import { MilvusVectorStore } from './milvus-store.js';
import { MilvusStoreDriver } from './milvus-store-driver.js';
import {
  milvusCollectionName,
  milvusEngineSettings,
  milvusMetricSetting,
} from './milvus-store-settings.js';

/** The collection configs name when they name none (the CLI's default since its first release). */
const defaultCollection = 'embedkit_documents';

/** Settings of the `milvus-lite` store kind: JSON only. */
export const milvusLiteStoreSettings = z
  .object({
    /**
     * Milvus Lite's data path, relative to the working directory; the server is started there on
     * first use and stopped by `close()`. Default `.embedkit/milvus.db`.
     */
    dbPath: z.string().min(1).optional(),
    /** The CLI's earlier name for `dbPath`; configs written with it keep working. */
    path: z.string().min(1).optional(),
    collection: milvusCollectionName.default(defaultCollection),
    /** Metric of a new collection (default `cosine`); an existing one keeps its own. */
    metric: milvusMetricSetting.optional(),
    ...milvusEngineSettings,
  })
  .strict()
  .refine((settings) => settings.dbPath === undefined || settings.path === undefined, {
    message: 'give dbPath or path (its earlier name), not both',
    path: ['path'],
  });

/** Settings of the `milvus` store kind: JSON only, so the token is named by its variable. */
export const milvusServerStoreSettings = z
  .object({
    /** A Milvus server or Zilliz Cloud endpoint, e.g. `http://127.0.0.1:19530`. */
    address: z.string().min(1),
    /** Name of the environment variable holding the token; the token itself never goes in a config. */
    tokenEnv: z.string().min(1).default('MILVUS_TOKEN'),
    /** Milvus database; the server's default database when omitted. */
    database: z.string().min(1).optional(),
    collection: milvusCollectionName.default(defaultCollection),
    /** Metric of a new collection (default `cosine`); an existing one keeps its own. */
    metric: milvusMetricSetting.optional(),
    ...milvusEngineSettings,
  })
  .strict();

export type MilvusLiteStoreSettings = z.input<typeof milvusLiteStoreSettings>;
export type MilvusServerStoreSettings = z.input<typeof milvusServerStoreSettings>;

/**
 * The `milvus-lite` store kind for `createStoreRegistry`: Milvus Lite started on `dbPath` (even
 * when `MILVUS_URI` is set) when the store is first used, and stopped by `close()`.
 *
 * @example
 * const stores = createStoreRegistry([milvusLiteStore, milvusStore]);
 * const store = stores.fromConfig({ kind: 'milvus-lite', dbPath: 'data/milvus.db' }, { embedding });
 */
export const milvusLiteStore = defineStore({
  kind: 'milvus-lite',
  description: 'Milvus Lite, embedded: started on a local data path, stopped on close',
  schema: milvusLiteStoreSettings,
  create: ({ collection, metric, path, dbPath, ...settings }, { embedding }) =>
    new MilvusVectorStore({
      driver: new MilvusStoreDriver({
        ...settings,
        dbPath: dbPath ?? path ?? '.embedkit/milvus.db',
        embedded: true,
      }),
      embedding,
      collection,
      metric,
    }),
});

/**
 * The `milvus` store kind for `createStoreRegistry`: a Milvus server, cluster or Zilliz Cloud at
 * `address`, with the token read from the variable `tokenEnv` names when the store connects.
 */
export const milvusStore = defineStore({
  kind: 'milvus',
  description: 'Milvus server, cluster or Zilliz Cloud at an address',
  schema: milvusServerStoreSettings,
  create: ({ collection, metric, ...settings }, { embedding }) =>
    new MilvusVectorStore({
      driver: new MilvusStoreDriver(settings),
      embedding,
      collection,
      metric,
    }),
});
