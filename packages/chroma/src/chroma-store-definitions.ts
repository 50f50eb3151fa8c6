import { defineStore } from '@embedkit/core';
import { z } from 'zod';
import { ChromaVectorStore } from './chroma-store.js';
import { ChromaStoreDriver } from './chroma-store-driver.js';
import {
  chromaCollectionName,
  chromaConnectionSettings,
  chromaEngineSettings,
  chromaMetricSetting,
} from './chroma-store-settings.js';

/** Settings of the `chroma` store kind: JSON only, so the token is named by its variable. */
export const chromaServerStoreSettings = z
  .object({
    ...chromaConnectionSettings,
    collection: chromaCollectionName.default('embedkit_documents'),
    /** Metric of a new collection (default `cosine`); an existing one keeps its own. */
    metric: chromaMetricSetting.optional(),
    ...chromaEngineSettings,
  })
  .strict();

export type ChromaServerStoreSettings = z.input<typeof chromaServerStoreSettings>;

/**
 * The `chroma` store kind for `createStoreRegistry`: a Chroma server, distributed deployment or
 * Chroma Cloud at `url` (default `http://localhost:8000`), with the token read from the variable
 * `tokenEnv` names when the store connects.
 *
 * @example
 * const stores = createStoreRegistry([chromaStore]);
 * const store = stores.fromConfig({ kind: 'chroma', url: 'http://127.0.0.1:8000' }, { embedding });
 */
export const chromaStore = defineStore({
  kind: 'chroma',
  description: 'Chroma server, distributed Chroma or Chroma Cloud at a URL',
  schema: chromaServerStoreSettings,
  create: ({ collection, metric, ...settings }, { embedding }) =>
    new ChromaVectorStore({
      driver: new ChromaStoreDriver(settings),
      embedding,
      collection,
      metric,
    }),
});
