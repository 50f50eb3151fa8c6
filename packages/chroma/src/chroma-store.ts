import {
  type CreateVectorStoreOptions,
  DriverVectorStore,
  InvalidConfigError,
  zodIssues,
} from '@embedkit/core';
import { ChromaStoreDriver } from './chroma-store-driver.js';
import { type ChromaStoreOptions, chromaStoreSettings } from './chroma-store-settings.js';

/** What a `ChromaVectorStore` is built from: core's store options on a Chroma driver. */
export interface ChromaVectorStoreOptions extends CreateVectorStoreOptions {
  driver: ChromaStoreDriver;
}

/**
 * A `VectorStore` on Chroma through the official `chromadb` client: a Chroma server, a
 * distributed deployment or Chroma Cloud. Core's store on a `ChromaStoreDriver`; no
 * `hybridSearch` (Chroma's open-source server has no BM25 fusion). See `createChromaStore`.
 */
export class ChromaVectorStore extends DriverVectorStore {
  declare readonly driver: ChromaStoreDriver;

  constructor(options: ChromaVectorStoreOptions) {
    super(options);
  }
}

/**
 * Creates a Chroma vector store. Nothing connects until first use; the token is read from the
 * variable `tokenEnv` names (default `CHROMA_API_KEY`) when the first call connects.
 */
export function createChromaStore(options: ChromaStoreOptions): ChromaVectorStore {
  const { embedding, ...settings } = options ?? ({} as ChromaStoreOptions);
  const parsed = chromaStoreSettings.safeParse(settings);
  if (!parsed.success) {
    throw new InvalidConfigError({
      subject: 'Chroma store settings',
      issues: zodIssues(parsed.error),
    });
  }
  const { collection, metric, ...driverSettings } = parsed.data;
  return new ChromaVectorStore({
    driver: new ChromaStoreDriver(driverSettings),
    embedding,
    collection,
    metric,
  });
}
