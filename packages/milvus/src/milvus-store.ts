import {
  type CreateVectorStoreOptions,
  DriverVectorStore,
  InvalidConfigError,
  zodIssues,
} from '@embedkit/core';
import { MilvusStoreDriver } from './milvus-store-driver.js';
import { type MilvusStoreOptions, milvusStoreSettings } from './milvus-store-settings.js';

/** What a `MilvusVectorStore` is built from: core's store options on a Milvus driver. */
export interface MilvusVectorStoreOptions extends CreateVectorStoreOptions {
  driver: MilvusStoreDriver;
}

/**
 * A `VectorStore` on Milvus through the official Node SDK: Milvus Lite, a Milvus server or cluster,
 * or Zilliz Cloud. Core's store on a `MilvusStoreDriver`, with `hybridSearch` (dense + server-side
 * BM25) and `flush` always present. See `createMilvusStore`.
 */
export class MilvusVectorStore extends DriverVectorStore {
  declare readonly driver: MilvusStoreDriver;

  constructor(options: MilvusVectorStoreOptions) {
    super(options);
  }
}

/**
 * Creates a Milvus vector store. Nothing connects until first use; the SDK client is injected
 * (`client`) or created from `address`/`token` (or `MILVUS_URI`/`MILVUS_TOKEN`), and with no
 * address at all a Milvus Lite server is started on `dbPath` and stopped by `close()`. A
 * `sparseEmbedding` turns `sparseVectors` on: documents keep their sparse vectors in the
 * `sparse_vector` field and `hybridSearch` fuses the dense and the sparse side in core.
 */
export function createMilvusStore(options: MilvusStoreOptions): MilvusVectorStore {
  const { embedding, client, sparseEmbedding, ...settings } = options ?? ({} as MilvusStoreOptions);
  const parsed = milvusStoreSettings.safeParse(settings);
  if (!parsed.success) {
    throw new InvalidConfigError({
      subject: 'Milvus store settings',
      issues: zodIssues(parsed.error),
    });
  }
  if (sparseEmbedding && settings.sparseVectors === false) {
    throw new InvalidConfigError({
      subject: 'Milvus store settings',
      issues: [
        {
          path: 'sparseVectors',
          message:
            'a sparseEmbedding needs the sparse_vector field; leave sparseVectors unset (it follows the sparseEmbedding) or drop the sparseEmbedding',
        },
      ],
    });
  }
  const { collection, metric, ...driverSettings } = parsed.data;
  return new MilvusVectorStore({
    driver: new MilvusStoreDriver({
      ...driverSettings,
      sparseVectors: driverSettings.sparseVectors || sparseEmbedding !== undefined,
      client,
    }),
    embedding,
    collection,
    metric,
    ...(sparseEmbedding ? { sparseEmbedding } : {}),
  });
}
