import {
  type CreateVectorStoreOptions,
  DriverVectorStore,
  InvalidConfigError,
  zodIssues,
} from '@embedkit/core';
import { LanceDbStoreDriver } from './lancedb-store-driver.js';
import { type LanceStoreOptions, lanceStoreSettings } from './lancedb-store-settings.js';

/** What a `LanceDbVectorStore` is built from: core's store options on a LanceDB driver. */
export interface LanceDbVectorStoreOptions extends CreateVectorStoreOptions {
  driver: LanceDbStoreDriver;
}

/**
 * A `VectorStore` on LanceDB: embedded on a local folder, or on object storage and LanceDB Cloud
 * by URI, with vector and full-text indexes, hybrid search and JSON metadata filters. Core's store
 * on a `LanceDbStoreDriver`; see `createLanceDbStore`.
 */
export class LanceDbVectorStore extends DriverVectorStore {
  declare readonly driver: LanceDbStoreDriver;

  constructor(options: LanceDbVectorStoreOptions) {
    super(options);
  }
}

/** Creates a LanceDB vector store. Nothing connects until first use. */
export function createLanceDbStore(options: LanceStoreOptions): LanceDbVectorStore {
  const { embedding, connection, ...settings } = options ?? ({} as LanceStoreOptions);
  const parsed = lanceStoreSettings.safeParse(settings);
  if (!parsed.success) {
    throw new InvalidConfigError({
      subject: 'lancedb store settings',
      issues: zodIssues(parsed.error),
    });
  }
  const { collection, metric, ...driverSettings } = parsed.data;
  return new LanceDbVectorStore({
    driver: new LanceDbStoreDriver({ ...driverSettings, connection }),
    embedding,
    collection,
    metric,
  });
}
