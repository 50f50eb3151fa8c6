import {
  type CollectionRecord,
  InvalidConfigError,
  StoreError,
  type VectorMetric,
} from '@embedkit/core';
import type { Collection } from 'chromadb';
import {
  type ChromaSpace,
  metricOfSpace,
  readRecord,
  recordMetadata,
} from './chroma-collection-record.js';
import type { ChromaConnection } from './chroma-connection.js';
import { callChroma, chromaStoreKind } from './chroma-errors.js';
import { chromaMetadataKeys } from './chroma-metadata.js';
import type { ChromaFields } from './chroma-store-settings.js';
import { describeChromaCollection } from './describe-chroma-collection.js';

/** An open collection as the driver keeps it. */
export interface ChromaCollection {
  /** A handle without an embedding function: every call passes embeddings. */
  handle: Collection;
  space: ChromaSpace;
  /** The record, or `undefined` for a collection another tool made. */
  record: CollectionRecord | undefined;
  /** The embeddings' length, when known (always for embedkit's collections). */
  dim: number | undefined;
  /** Whether records carry `embedkit:keys` (embedkit made the collection), which `ne`/`nin`/`exists` need. */
  presence: boolean;
  /** The metadata key holding the text, when it is not the record's document. */
  textKey: string | undefined;
  created: boolean;
}

/**
 * Opens `name`, or creates it with the record in its metadata (`embedkit:record`), the metric
 * as its HNSW space, and no embedding function. A collection without a record (made by another
 * tool) opens as it is: its space gives the metric, its dimension (or a first record's) the dim,
 * and `fields.text` says where its text is when records have no document.
 */
export async function openChromaCollection(options: {
  connection: ChromaConnection;
  name: string;
  record: CollectionRecord;
  fields: ChromaFields | undefined;
}): Promise<ChromaCollection> {
  const { connection, name, record, fields } = options;
  let description = await describeChromaCollection(connection, name);
  let created = false;
  if (description === undefined) {
    created = await createCollection(connection, name, record);
    description = await describeChromaCollection(connection, name);
    if (description === undefined) {
      throw new StoreError({
        store: chromaStoreKind,
        message: `Chroma at ${connection.baseUrl} created collection "${name}" but does not find it; check tenant "${connection.tenant}" and database "${connection.database}".`,
      });
    }
  }
  const handle = connection.client.collection(description.id);
  const stored = readRecord(description.metadata);
  if (stored !== undefined && 'unreadable' in stored) {
    throw new StoreError({
      store: chromaStoreKind,
      message: `Collection "${name}" on Chroma at ${connection.baseUrl} has an embedkit record that cannot be read: ${stored.unreadable}. Repair or remove that collection metadata key, or use another collection.`,
    });
  }
  const space = metricOfSpace(description.space);
  if (stored !== undefined) {
    checkSpace(name, stored.metric, space);
    return {
      handle,
      space,
      record: stored,
      dim: stored.dim,
      presence: true,
      textKey: fields?.text,
      created,
    };
  }
  const sample = await callChroma(`read a sample of collection "${name}"`, connection.baseUrl, () =>
    handle.get({ limit: 20, include: ['documents', 'metadatas', 'embeddings'] as never }),
  );
  checkTextField(name, fields, sample);
  return {
    handle,
    space,
    record: undefined,
    dim: description.dimension ?? sample.embeddings[0]?.length,
    presence: false,
    textKey: fields?.text,
    created: false,
  };
}

/** Creates the collection; false when another caller created it first (then it is opened). */
async function createCollection(
  connection: ChromaConnection,
  name: string,
  record: CollectionRecord,
): Promise<boolean> {
  try {
    await connection.client.createCollection({
      name,
      // null, not undefined: undefined makes the client look for Chroma's default embedding function.
      embeddingFunction: null,
      configuration: { hnsw: { space: record.metric } },
      metadata: recordMetadata(record),
    });
    return true;
  } catch (error) {
    if ((error as Error | null)?.name === 'ChromaUniqueError') return false;
    return callChroma(`create collection "${name}"`, connection.baseUrl, () =>
      Promise.reject(error),
    );
  }
}

function checkSpace(name: string, metric: VectorMetric, space: ChromaSpace): void {
  if (metric === space) return;
  throw new StoreError({
    store: chromaStoreKind,
    message: `Collection "${name}" records the ${metric} metric but Chroma indexes it with the ${space} space; its record was edited by hand. Use another collection.`,
  });
}

/**
 * A collection another tool made must have its text somewhere: the records' documents, or the
 * metadata key `fields.text` names. A missing one is refused, naming what the records hold.
 */
function checkTextField(
  name: string,
  fields: ChromaFields | undefined,
  sample: {
    ids: string[];
    documents: (string | null)[];
    metadatas: (Record<string, unknown> | null)[];
  },
): void {
  if (sample.ids.length === 0) return;
  const keys = [
    ...new Set(
      sample.metadatas.flatMap((metadata) =>
        Object.keys(metadata ?? {}).filter(
          (key) => !Object.values(chromaMetadataKeys).includes(key as never),
        ),
      ),
    ),
  ].sort();
  const found =
    keys.length === 0
      ? 'no metadata keys'
      : `metadata keys ${keys.map((key) => JSON.stringify(key)).join(', ')}`;
  const textKey = fields?.text;
  if (textKey !== undefined) {
    if (sample.metadatas.some((metadata) => typeof metadata?.[textKey] === 'string')) return;
    throw new InvalidConfigError({
      subject: 'Chroma store settings',
      issues: [
        {
          path: 'fields.text',
          message: `collection "${name}" has no metadata key "${textKey}" holding text in its first ${sample.ids.length} records; they have ${found}${sample.documents.some((document) => typeof document === 'string') ? ' and documents (leave fields.text unset to read those)' : ''}`,
        },
      ],
    });
  }
  if (sample.documents.some((document) => typeof document === 'string')) return;
  throw new InvalidConfigError({
    subject: 'Chroma store settings',
    issues: [
      {
        path: 'fields.text',
        message: `collection "${name}" has records without documents, so their text must be in a metadata key: set fields.text to one of its ${found}`,
      },
    ],
  });
}
