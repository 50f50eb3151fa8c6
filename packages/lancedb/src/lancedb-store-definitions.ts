import { defineStore } from '@embedkit/core';
import { z } from 'zod';
import { LanceDbVectorStore } from './lancedb-store.js';
import { LanceDbStoreDriver } from './lancedb-store-driver.js';
import {
  lanceCollectionName,
  lanceEngineSettings,
  lanceMetricSetting,
} from './lancedb-store-settings.js';

/** Settings of the `lancedb` store kind: JSON only. */
export const lanceStoreDefinitionSettings = z
  .object({
    /** The table configs name when they name none, as for the CLI's other stores. */
    collection: lanceCollectionName.default('embedkit_documents'),
    /** Metric of a new collection (default `cosine`); an existing one keeps its own. */
    metric: lanceMetricSetting.optional(),
    ...lanceEngineSettings,
  })
  .strict();

export type LanceStoreDefinitionSettings = z.input<typeof lanceStoreDefinitionSettings>;

/**
 * The `lancedb` store kind for `createStoreRegistry`: LanceDB at `uri` (default
 * `.embedkit/lancedb`; `s3://…`, `gs://…`, `az://…` or `db://…` for object storage and LanceDB
 * Cloud).
 *
 * @example
 * const stores = createStoreRegistry([lanceDbStore]);
 * const store = stores.fromConfig({ kind: 'lancedb', uri: 'data/lancedb' }, { embedding });
 */
export const lanceDbStore = defineStore({
  kind: 'lancedb',
  description: 'LanceDB, embedded on a local folder, or on object storage or LanceDB Cloud by URI',
  schema: lanceStoreDefinitionSettings,
  create: ({ collection, metric, ...settings }, { embedding }) =>
    new LanceDbVectorStore({
      driver: new LanceDbStoreDriver(settings),
      embedding,
      collection,
      metric,
    }),
});
