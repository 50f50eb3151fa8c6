import {
  type CollectionRecord,
  DimensionMismatchError,
  EmbedkitError,
  type OpenedCollection,
  StoreError,
} from '@embedkit/core';
import type { MilvusConnection } from './milvus-connection.js';
import {
  callMilvus,
  checkStatus,
  isUnsupportedReason,
  milvusStoreKind,
  notSupported,
} from './milvus-errors.js';
import { collectionRequest, milvusProperties, readExistingCollection } from './milvus-schema.js';
import type { ResolvedMilvusDriverSettings } from './milvus-store-settings.js';

/** What the driver keeps about an open collection besides its record. */
export interface MilvusCollection extends OpenedCollection {
  /** Whether the collection has the BM25 sparse side that hybrid search needs. */
  fullText: boolean;
  /** The text field's `max_length`, in bytes. */
  textMaxLength: number;
}

export interface OpenCollectionOptions {
  connection: MilvusConnection;
  name: string;
  /** What to record if the collection is created now. */
  record: CollectionRecord;
  settings: ResolvedMilvusDriverSettings;
}

/**
 * Creates the collection with `record` in its properties, or opens it and reads the record it
 * was created with, then makes sure it is loaded. Comparing the record with the store's
 * embedding space is core's job; a collection that has no record (not made by embedkit) is
 * refused here, with `DimensionMismatchError` when even its dimension differs.
 */
export async function openMilvusCollection(
  options: OpenCollectionOptions,
): Promise<MilvusCollection> {
  const { connection, name, record, settings } = options;
  const { client, address } = connection;
  const exists = async () => {
    const response = await callMilvus('check for a collection', address, () =>
      client.hasCollection({ collection_name: name }),
    );
    checkStatus(response.status, `check for collection "${name}"`);
    return response.value === true;
  };

  let created = false;
  if (!(await exists())) {
    try {
      await createCollection(options, settings.fullText);
      created = true;
    } catch (error) {
      // Another store may have created it meanwhile; then open that one instead.
      if (!(await exists().catch(() => false))) throw error;
    }
  }

  const description = await callMilvus('describe a collection', address, () =>
    client.describeCollection({ collection_name: name }),
  );
  checkStatus(description.status, `describe collection "${name}"`);
  const existing = readExistingCollection(description);
  if (existing.space === undefined) {
    if (existing.dim !== undefined && existing.dim !== record.dim) {
      throw new DimensionMismatchError({
        message: `Collection "${name}" holds ${existing.dim}-dimension vectors, but this store's embedding (${record.space.family}/${record.space.model}) makes ${record.dim}. Use another collection name.`,
        expected: existing.dim,
        actual: record.dim,
      });
    }
    throw new StoreError({
      store: milvusStoreKind,
      message: `Collection "${name}" exists but was not created by embedkit (it has no "${milvusProperties.space}" property; fields: ${existing.fieldNames.join(', ')}), so its embedding space is unknown. Use another collection name.`,
    });
  }
  await ensureLoaded(connection, name);
  return {
    record: {
      embedding: existing.embedding ?? record.embedding,
      space: existing.space,
      dim: existing.dim ?? existing.space.dim,
      metric: existing.metric ?? record.metric,
    },
    created,
    fullText: existing.fullText,
    textMaxLength: Math.min(existing.textMaxLength ?? settings.textMaxLength, 65_535),
  };
}

async function createCollection(options: OpenCollectionOptions, fullText: boolean) {
  const { connection, name, record, settings } = options;
  const request = collectionRequest({ name, record, settings, fullText });
  try {
    const status = await callMilvus(`create collection "${name}"`, connection.address, () =>
      connection.client.createCollection(request),
    );
    checkStatus(status, `create collection "${name}"`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!fullText || !EmbedkitError.isInstance(error) || !isUnsupportedReason(reason)) throw error;
    if (settings.analyzer) {
      throw notSupported(
        'The configured BM25 analyzer',
        `${reason}. Choose an analyzer this server knows (Milvus Lite: "standard" or "jieba").`,
        error,
      );
    }
    // A server without BM25 functions: keep the dense store working; hybridSearch says why not.
    await createCollection(options, false);
  }
}

async function ensureLoaded(connection: MilvusConnection, name: string): Promise<void> {
  const { client, address } = connection;
  const state = await callMilvus('read the load state', address, () =>
    client.getLoadState({ collection_name: name }),
  );
  checkStatus(state.status, `read the load state of collection "${name}"`);
  if (String(state.state) === 'LoadStateLoaded') return;
  const status = await callMilvus(`load collection "${name}"`, address, () =>
    client.loadCollection({ collection_name: name }),
  );
  checkStatus(status, `load collection "${name}"`);
}
