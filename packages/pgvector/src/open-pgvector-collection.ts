import {
  type CollectionRecord,
  InvalidConfigError,
  type OpenCollectionRequest,
  type VectorMetric,
} from '@embedkit/core';
import type { PgvectorCollection } from './pgvector-collection.js';
import {
  collectionsTable,
  createCollectionsTableSql,
  createLockKey,
  createTableStatements,
  metricOperators,
  pgvectorColumns,
  pgvectorFormat,
} from './pgvector-schema.js';
import type { PgvectorFields } from './pgvector-store-settings.js';
import { quoteIdentifier } from './quote-identifier.js';
import type { SqlExecutor } from './sql-connection.js';

export interface OpenPgvectorCollectionOptions {
  executor: SqlExecutor;
  request: OpenCollectionRequest;
  textSearchConfig: string;
  hnsw: { m: number; efConstruction: number };
  fields: PgvectorFields | undefined;
}

const collections = quoteIdentifier(collectionsTable);

/**
 * Opens or creates a collection inside one transaction holding an advisory lock, so two
 * processes opening the same new collection create it once. A table with an embedkit record
 * returns that record; a table without one is foreign (made by another tool) and is opened
 * through the `fields` column names, with `record: undefined` and the vector column's
 * dimension; no table at all is created with the request's record.
 */
export async function openPgvectorCollection(
  options: OpenPgvectorCollectionOptions,
): Promise<PgvectorCollection> {
  const { executor, request } = options;
  const name = request.collection;
  await executor.query('SELECT pg_advisory_xact_lock($1)', [createLockKey]);
  const installed = await executor.query(
    "SELECT extversion FROM pg_extension WHERE extname = 'vector'",
  );
  if (installed.length === 0) await executor.query('CREATE EXTENSION IF NOT EXISTS vector');
  // Created only when missing: a role that may read but not create tables can still open.
  const [registry] = await executor.query('SELECT to_regclass($1) AS found', [collections]);
  if (!registry?.found) await executor.query(createCollectionsTableSql);
  const [stored] = await executor.query(
    `SELECT record, text_search_config FROM ${collections} WHERE name = $1`,
    [name],
  );
  const columns = await tableColumns(executor, name);
  if (stored && columns.length > 0) {
    const record = stored.record as CollectionRecord;
    return ownCollection(name, record, String(stored.text_search_config), false, columns);
  }
  if (stored) {
    // The table was dropped behind embedkit's back: forget its record and create it anew.
    await executor.query(`DELETE FROM ${collections} WHERE name = $1`, [name]);
  }
  if (columns.length > 0) {
    return foreignCollection(name, columns, await indexedMetrics(executor, name), request, options);
  }
  const record = request.record;
  for (const statement of createTableStatements({
    name,
    record,
    textSearchConfig: options.textSearchConfig,
    hnsw: options.hnsw,
  })) {
    await executor.query(statement);
  }
  await executor.query(
    `INSERT INTO ${collections} (name, record, text_search_config, format) VALUES ($1, $2::jsonb, $3, $4)`,
    [name, JSON.stringify(record), options.textSearchConfig, pgvectorFormat],
  );
  return ownCollection(name, record, options.textSearchConfig, true, []);
}

export interface TableColumn {
  name: string;
  type: string;
  typmod: number;
}

/** The table's columns (none when there is no such table), through the search path. */
export async function tableColumns(executor: SqlExecutor, name: string): Promise<TableColumn[]> {
  const rows = await executor.query(
    `SELECT a.attname AS name, t.typname AS type, a.atttypmod AS typmod
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [name],
  );
  return rows.map((row) => ({
    name: String(row.name),
    type: String(row.type),
    typmod: Number(row.typmod),
  }));
}

/** pgvector operator classes of the table's vector indexes (HNSW or IVFFlat), by column. */
async function indexedMetrics(
  executor: SqlExecutor,
  name: string,
): Promise<Map<string, VectorMetric>> {
  const rows = await executor.query(
    `SELECT a.attname AS column, o.opcname AS operator_class
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_am m ON m.oid = c.relam AND m.amname IN ('hnsw', 'ivfflat')
       CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[]) AS k(attnum, opclass)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       JOIN pg_opclass o ON o.oid = k.opclass
      WHERE i.indrelid = to_regclass(quote_ident($1))`,
    [name],
  );
  const metrics = new Map<string, VectorMetric>();
  for (const row of rows) {
    const metric = metricOfOperatorClass.get(String(row.operator_class));
    if (metric) metrics.set(String(row.column), metric);
  }
  return metrics;
}

const metricOfOperatorClass = new Map<string, VectorMetric>(
  (Object.entries(metricOperators) as [VectorMetric, { operatorClass: string }][]).map(
    ([metric, { operatorClass }]) => [operatorClass, metric],
  ),
);

function ownCollection(
  name: string,
  record: CollectionRecord,
  textSearchConfig: string,
  created: boolean,
  columns: readonly TableColumn[],
): PgvectorCollection {
  const column = {
    id: quoteIdentifier(pgvectorColumns.id),
    vector: quoteIdentifier(pgvectorColumns.vector),
    text: quoteIdentifier(pgvectorColumns.text),
    metadata: quoteIdentifier(pgvectorColumns.metadata),
  };
  return {
    name,
    table: quoteIdentifier(name),
    metric: record.metric,
    dim: record.dim,
    metricFromIndex: true,
    record,
    created,
    foreign: false,
    columns: column,
    idText: column.id,
    textValue: column.text,
    metadataValue: column.metadata,
    textSearch: quoteIdentifier(pgvectorColumns.textSearch),
    textSearchConfig,
    sparse: sparseColumns(columns),
  };
}

function foreignCollection(
  name: string,
  columns: readonly TableColumn[],
  indexed: ReadonlyMap<string, VectorMetric>,
  request: OpenCollectionRequest,
  options: OpenPgvectorCollectionOptions,
): PgvectorCollection {
  const fields = options.fields ?? {
    id: pgvectorColumns.id,
    vector: pgvectorColumns.vector,
    text: pgvectorColumns.text,
    metadata: pgvectorColumns.metadata,
  };
  const found = (field: keyof PgvectorFields) =>
    columns.find((column) => column.name === fields[field]);
  const missing = (['id', 'vector', 'text', 'metadata'] as const).filter((field) => !found(field));
  const columnList = columns.map((column) => `${column.name} (${column.type})`).join(', ');
  if (missing.length > 0) {
    throw new InvalidConfigError({
      subject: `PostgreSQL table "${name}"`,
      issues: missing.map((field) => ({
        path: `fields.${field}`,
        message: `table "${name}" has no column "${fields[field]}" for the ${field} field; its columns are ${columnList}. Name the right column in fields.${field}.`,
      })),
    });
  }
  const vector = found('vector')!;
  const metadata = found('metadata')!;
  const problems: { path: string; message: string }[] = [];
  if (vector.type !== 'vector') {
    problems.push({
      path: 'fields.vector',
      message: `column "${vector.name}" of table "${name}" is ${vector.type}, not a pgvector vector; its columns are ${columnList}`,
    });
  }
  if (metadata.type !== 'jsonb' && metadata.type !== 'json') {
    problems.push({
      path: 'fields.metadata',
      message: `column "${metadata.name}" of table "${name}" is ${metadata.type}, not jsonb or json; its columns are ${columnList}`,
    });
  }
  if (problems.length > 0) {
    throw new InvalidConfigError({ subject: `PostgreSQL table "${name}"`, issues: problems });
  }
  const column = {
    id: quoteIdentifier(found('id')!.name),
    vector: quoteIdentifier(vector.name),
    text: quoteIdentifier(found('text')!.name),
    metadata: quoteIdentifier(metadata.name),
  };
  const textValue = `${column.text}::text`;
  return {
    name,
    table: quoteIdentifier(name),
    // The metric its vector index was built for; without one, the store's.
    metric: indexed.get(vector.name) ?? request.record.metric,
    metricFromIndex: indexed.has(vector.name),
    dim: vector.typmod > 0 ? vector.typmod : undefined,
    record: undefined,
    created: false,
    foreign: true,
    columns: column,
    idText: `${column.id}::text`,
    textValue,
    metadataValue: metadata.type === 'json' ? `${column.metadata}::jsonb` : column.metadata,
    textSearch: `to_tsvector('${options.textSearchConfig}'::regconfig, coalesce(${textValue}, ''))`,
    textSearchConfig: options.textSearchConfig,
    sparse: undefined,
  };
}

/** The quoted sparse columns when the table has both (see `addSparseColumnsStatements`). */
export function sparseColumns(columns: readonly TableColumn[]): PgvectorCollection['sparse'] {
  const has = (name: string, type: string) =>
    columns.some((column) => column.name === name && column.type === type);
  return has(pgvectorColumns.sparseVector, 'sparsevec') && has(pgvectorColumns.sparseTerms, '_int4')
    ? {
        vector: quoteIdentifier(pgvectorColumns.sparseVector),
        terms: quoteIdentifier(pgvectorColumns.sparseTerms),
      }
    : undefined;
}
