import {
  type CollectionRecord,
  EmbedkitError,
  InvalidConfigError,
  type OpenedCollection,
} from '@embedkit/core';
import type { MilvusConnection } from './milvus-connection.js';
import { callMilvus, checkStatus, isUnsupportedReason, notSupported } from './milvus-errors.js';
import {
  embedkitFieldNames,
  foreignFieldNames,
  type MilvusFieldNames,
} from './milvus-field-names.js';
import {
  collectionRequest,
  type ExistingCollection,
  readExistingCollection,
} from './milvus-schema.js';
import type { ResolvedMilvusDriverSettings } from './milvus-store-settings.js';

/** What the driver keeps about an open collection besides its record. */
export interface MilvusCollection extends OpenedCollection {
  /** Whether the collection has the BM25 sparse side that hybrid search needs. */
  fullText: boolean;
  /**
   * Whether the collection has the `sparse_vector` field: every write then carries a sparse
   * entry per row (the no-sparse-vector marker for rows without one).
   */
  sparseVectors: boolean;
  /** The text field's `max_length`, in bytes. */
  textMaxLength: number;
  /** Where id, vector, text and metadata live: embedkit's fields, or a foreign collection's. */
  fields: MilvusFieldNames;
  /** Whether embedkit did not create it (no record): written through the SDK, by field name. */
  foreign: boolean;
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
 * opened through its field mapping, without a record.
 */
export async function openMilvusCollection(
  options: OpenCollectionOptions,
): Promise<MilvusCollection> {
  const { connection, name, record, settings } = options;
  const { client, place } = connection;
  const exists = async () => {
    const response = await callMilvus('check for a collection', place, () =>
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

  const description = await callMilvus('describe a collection', place, () =>
    client.describeCollection({ collection_name: name }),
  );
  checkStatus(description.status, `describe collection "${name}"`);
  const existing = readExistingCollection(description);
  if (settings.sparseVectors && (!existing.sparseVectors || existing.space === undefined)) {
    throw withoutSparseField(name, existing);
  }
  if (existing.space === undefined) return openForeignCollection(options, existing, created);
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
    sparseVectors: existing.sparseVectors,
    textMaxLength: Math.min(existing.textMaxLength ?? settings.textMaxLength, 65_535),
    fields: embedkitFieldNames,
    foreign: false,
  };
}

/**
 * A collection embedkit did not create has no record: its fields are mapped (the `fields`
 * setting, or found in the schema), its dimension and metric read from the schema and the index,
 * and core trusts the store's embedding after checking the dimension.
 */
async function openForeignCollection(
  options: OpenCollectionOptions,
  existing: ExistingCollection,
  created: boolean,
): Promise<MilvusCollection> {
  const { connection, name, settings } = options;
  const fields = foreignFieldNames(name, existing, settings.fields);
  const vectorField = existing.fields.find((field) => field.name === fields.vector);
  const rawDim =
    (vectorField as { dim?: unknown } | undefined)?.dim ??
    (
      vectorField as { type_params?: { key: string; value: unknown }[] } | undefined
    )?.type_params?.find((param) => param.key === 'dim')?.value;
  const textField = existing.fields.find((field) => field.name === fields.text) as
    | { max_length?: unknown; type_params?: { key: string; value: unknown }[] }
    | undefined;
  const rawTextMaxLength =
    textField?.max_length ??
    textField?.type_params?.find((param) => param.key === 'max_length')?.value;
  const index = await callMilvus('describe an index', connection.place, () =>
    connection.client.describeIndex({ collection_name: name, field_name: fields.vector }),
  ).catch(() => undefined);
  const metricName = String(
    index?.index_descriptions?.[0]?.params?.find((param) => param.key === 'metric_type')?.value ??
      '',
  ).toUpperCase();
  const metric = ({ COSINE: 'cosine', IP: 'ip', L2: 'l2' } as const)[metricName as 'COSINE'];
  await ensureLoaded(connection, name);
  return {
    record: undefined,
    ...(rawDim === undefined ? {} : { dim: Number(rawDim) }),
    ...(metric ? { metric } : {}),
    created,
    fullText: false,
    sparseVectors: false,
    textMaxLength: rawTextMaxLength === undefined ? 65_535 : Number(rawTextMaxLength),
    fields,
    foreign: true,
  };
}

/**
 * Milvus cannot add a vector field to an existing collection, so a store asked to keep sparse
 * vectors refuses one that lacks the field instead of writing rows that would lose theirs.
 */
function withoutSparseField(name: string, existing: ExistingCollection): InvalidConfigError {
  const why =
    existing.space === undefined
      ? 'was made by another tool, so embedkit does not write sparse vectors into it'
      : 'was created without the "sparse_vector" field, and Milvus cannot add a vector field to an existing collection';
  return new InvalidConfigError({
    subject: 'Milvus store',
    issues: [
      {
        path: 'sparseVectors',
        message: `collection "${name}" ${why}; use a new collection name (copyCollection moves the documents without re-embedding), or leave sparseVectors and sparseEmbedding out for this one`,
      },
    ],
  });
}

async function createCollection(options: OpenCollectionOptions, fullText: boolean) {
  const { connection, name, record, settings } = options;
  const request = collectionRequest({ name, record, settings, fullText });
  try {
    const status = await callMilvus(`create collection "${name}"`, connection.place, () =>
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
  const { client, place } = connection;
  const state = await callMilvus('read the load state', place, () =>
    client.getLoadState({ collection_name: name }),
  );
  checkStatus(state.status, `read the load state of collection "${name}"`);
  if (String(state.state) === 'LoadStateLoaded') return;
  const status = await callMilvus(`load collection "${name}"`, place, () =>
    client.loadCollection({ collection_name: name }),
  );
  checkStatus(status, `load collection "${name}"`);
}
