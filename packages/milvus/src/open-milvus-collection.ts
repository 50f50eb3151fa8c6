import {
  type CollectionInfo,
  checkEmbeddingSpace,
  DimensionMismatchError,
  type EmbeddingFunction,
  EmbedkitError,
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
import type { ResolvedMilvusStoreSettings } from './milvus-store-settings.js';

/** What the store needs to know about its collection after opening it. */
export interface CollectionState {
  info: CollectionInfo;
  /** Whether the collection has the BM25 sparse side that hybrid search needs. */
  fullText: boolean;
  /** The text field's `max_length`, in bytes. */
  textMaxLength: number;
}

export interface OpenCollectionOptions {
  connection: MilvusConnection;
  name: string;
  embedding: EmbeddingFunction;
  settings: ResolvedMilvusStoreSettings;
}

/**
 * Creates the collection, or opens it and refuses it when it was built with another embedding
 * space (`DimensionMismatchError` / `EmbeddingSpaceMismatchError` naming both), then makes sure it
 * is loaded. Runs once per store; nothing is written before it succeeds.
 */
export async function openMilvusCollection(
  options: OpenCollectionOptions,
): Promise<CollectionState> {
  const { connection, name, embedding, settings } = options;
  const dim = await embedding.resolveDim();
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
      await createCollection(options, dim, settings.fullText);
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
    if (existing.dim !== undefined && existing.dim !== dim) {
      throw new DimensionMismatchError({
        message: `Collection "${name}" holds ${existing.dim}-dimension vectors, but this store's embedding (${embedding.provider}/${embedding.model}) makes ${dim}. Use another collection name.`,
        expected: existing.dim,
        actual: dim,
      });
    }
    throw new StoreError({
      store: milvusStoreKind,
      message: `Collection "${name}" exists but was not created by embedkit (it has no "${milvusProperties.space}" property; fields: ${existing.fieldNames.join(', ')}), so its embedding space is unknown. Use another collection name.`,
    });
  }
  checkEmbeddingSpace(name, existing.space, embedding.space);
  const metric = existing.metric ?? settings.metric;
  if (metric !== settings.metric) {
    throw new StoreError({
      store: milvusStoreKind,
      message: `Collection "${name}" was created with metric "${metric}", but this store is configured with "${settings.metric}". Configure metric: "${metric}", or use another collection name.`,
    });
  }
  await ensureLoaded(connection, name);
  return {
    info: {
      name,
      embedding: existing.embedding ?? embedding.toConfig(),
      space: existing.space,
      dim,
      metric,
      created,
    },
    fullText: existing.fullText,
    textMaxLength: Math.min(existing.textMaxLength ?? settings.textMaxLength, 65_535),
  };
}

async function createCollection(options: OpenCollectionOptions, dim: number, fullText: boolean) {
  const { connection, name, embedding, settings } = options;
  const request = collectionRequest({
    name,
    dim,
    embedding: embedding.toConfig(),
    space: embedding.space,
    settings,
    fullText,
  });
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
    await createCollection(options, dim, false);
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
