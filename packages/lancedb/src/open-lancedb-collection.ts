import { type CollectionRecord, InvalidConfigError, type VectorMetric } from '@embedkit/core';
import { type Connection, Index, type Table } from '@lancedb/lancedb';
import {
  collectionSchema,
  isJsonField,
  type LanceLayout,
  vectorDimension,
} from './lancedb-arrow.js';
import type { LanceFields } from './lancedb-store-settings.js';

/** Schema metadata keys under which a collection keeps its record and its column names. */
export const lanceSchemaKeys = { record: 'embedkit.record', fields: 'embedkit.fields' } as const;

/** An open collection: its table, columns and what the driver needs to query it. */
export interface LanceCollection {
  name: string;
  table: Table;
  layout: LanceLayout;
  /** The stored record; `undefined` for a table embedkit did not create. */
  record: CollectionRecord | undefined;
  metric: VectorMetric;
  /** Whether the text column has a full-text index (hybrid search needs one). */
  fullText: boolean;
  /** Whether the vector column has an index (then queries set a refine factor). */
  vectorIndexed: boolean;
  created: boolean;
}

/**
 * Opens a collection, or creates it: an empty table whose schema carries the record and the
 * column names in its metadata, the metadata column in Lance's JSON type (so filters can read
 * it), the id as primary key (so racing merge inserts of one id are detected and retried
 * instead of both inserting it), and a full-text index on the text. Two processes creating it at once end with one table
 * (`existOk`). A table embedkit did not create is opened through `fields`.
 */
export async function openLanceCollection(options: {
  connection: Connection;
  name: string;
  record: CollectionRecord;
  fields: LanceFields;
}): Promise<LanceCollection> {
  const { connection, name, record, fields } = options;
  const existing = (await connection.tableNames()).includes(name);
  if (!existing) {
    const layout: LanceLayout = { ...fields, dim: record.dim, metadataEncoding: 'json' };
    const metadata = new Map([
      [lanceSchemaKeys.record, JSON.stringify(record)],
      [lanceSchemaKeys.fields, JSON.stringify(fields)],
    ]);
    const table = await connection.createEmptyTable(name, collectionSchema(layout, metadata), {
      existOk: true,
    });
    const stored = (await table.schema()).metadata.get(lanceSchemaKeys.record);
    if (stored !== JSON.stringify(record)) {
      // Another process created it first: open what it made.
      return describeExisting(name, table, record, fields);
    }
    await table.setUnenforcedPrimaryKey(fields.id);
    await createFullTextIndex(table, fields.text);
    return {
      name,
      table,
      layout,
      record,
      metric: record.metric,
      fullText: true,
      vectorIndexed: false,
      created: true,
    };
  }
  return describeExisting(name, await connection.openTable(name), record, fields);
}

async function describeExisting(
  name: string,
  table: Table,
  request: CollectionRecord,
  fields: LanceFields,
): Promise<LanceCollection> {
  const schema = await table.schema();
  const storedRecord = schema.metadata.get(lanceSchemaKeys.record);
  const storedFields = schema.metadata.get(lanceSchemaKeys.fields);
  const record = storedRecord ? (JSON.parse(storedRecord) as CollectionRecord) : undefined;
  const columns: LanceFields = storedFields ? JSON.parse(storedFields) : fields;
  const found = schema.fields.map((field) => field.name);
  const missing = (Object.entries(columns) as [keyof LanceFields, string][]).filter(
    ([, column]) => !found.includes(column),
  );
  const vectorField = schema.fields.find((field) => field.name === columns.vector);
  const dim = vectorField ? vectorDimension(vectorField) : undefined;
  if (missing.length > 0 || dim === undefined) {
    throw new InvalidConfigError({
      subject: 'lancedb store fields',
      issues: [
        ...missing.map(([field, column]) => ({
          path: `fields.${field}`,
          message: `table "${name}"${record ? '' : ' (not created by embedkit)'} has no column "${column}" for the ${field} field; its columns are ${found.map((column) => `"${column}"`).join(', ')}. Set fields.${field} to one of them`,
        })),
        ...(vectorField && dim === undefined
          ? [
              {
                path: 'fields.vector',
                message: `column "${columns.vector}" of table "${name}" is ${String(vectorField.type)}, not a fixed-size list of floats`,
              },
            ]
          : []),
      ],
    });
  }
  const metadataField = schema.fields.find((field) => field.name === columns.metadata)!;
  const indices = await table.listIndices();
  const vectorIndex = indices.find(
    (index) => index.indexType !== 'FTS' && index.columns.includes(columns.vector),
  );
  return {
    name,
    table,
    layout: {
      ...columns,
      dim,
      metadataEncoding: isJsonField(metadataField) ? 'json' : 'string',
    },
    record,
    metric:
      record?.metric ??
      (vectorIndex && (await indexMetric(table, vectorIndex.name))) ??
      request.metric,
    fullText: indices.some(
      (index) => index.indexType === 'FTS' && index.columns.includes(columns.text),
    ),
    vectorIndexed: vectorIndex !== undefined,
    created: false,
  };
}

/** The metric a vector index was trained with (a search must use it), from its distance type. */
async function indexMetric(table: Table, name: string): Promise<VectorMetric | undefined> {
  const distance = (await table.indexStats(name))?.distanceType;
  return distance === 'dot'
    ? 'ip'
    : distance === 'cosine' || distance === 'l2'
      ? distance
      : undefined;
}

/** The text column's full-text index; another process creating it at the same time is fine. */
async function createFullTextIndex(table: Table, column: string): Promise<void> {
  try {
    await table.createIndex(column, { config: Index.fts(), replace: false });
  } catch (error) {
    const indices = await table.listIndices();
    if (!indices.some((index) => index.indexType === 'FTS' && index.columns.includes(column))) {
      throw error;
    }
  }
}
