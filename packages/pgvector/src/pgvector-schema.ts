import type { CollectionRecord, VectorMetric } from '@embedkit/core';
import { quoteIdentifier } from './quote-identifier.js';
import { sparseDimensions } from './sparse-vector-literal.js';

/** The table where embedkit keeps each collection's record (its embedding space). */
export const collectionsTable = 'embedkit_collections';

/** Version of the table layout below, kept with each record. */
export const pgvectorFormat = 1;

/** Columns of the tables embedkit creates. */
export const pgvectorColumns = {
  id: 'id',
  vector: 'embedding',
  text: 'text',
  metadata: 'metadata',
  textSearch: 'text_search',
  sparseVector: 'sparse_embedding',
  sparseTerms: 'sparse_terms',
} as const;

/** pgvector's distance operator and HNSW operator class per metric. */
export const metricOperators: Record<VectorMetric, { operator: string; operatorClass: string }> = {
  cosine: { operator: '<=>', operatorClass: 'vector_cosine_ops' },
  ip: { operator: '<#>', operatorClass: 'vector_ip_ops' },
  l2: { operator: '<->', operatorClass: 'vector_l2_ops' },
};

/** HNSW indexes `vector` columns of at most 2,000 dimensions; wider tables are searched exactly. */
export const maxHnswDimensions = 2000;

/** A key for `pg_advisory_xact_lock`: collections are created one at a time per database. */
export const createLockKey = 0x656d6b74; // "emkt"

export const createCollectionsTableSql = `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(collectionsTable)} (
  name text PRIMARY KEY,
  record jsonb NOT NULL,
  text_search_config text NOT NULL,
  format integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * The statements that create a collection's table: the vector column sized to the record's
 * dimension, metadata as `jsonb` with a GIN index (`jsonb_path_ops`, which serves the `@>`
 * containment the filters compile to), a generated `tsvector` column with a GIN index for
 * full-text search, and an HNSW index with the metric's operator class. Identifiers are quoted;
 * the only other text spliced in is validated numbers and a validated configuration name.
 */
export function createTableStatements(options: {
  name: string;
  record: CollectionRecord;
  textSearchConfig: string;
  hnsw: { m: number; efConstruction: number };
}): string[] {
  const table = quoteIdentifier(options.name);
  const { dim, metric } = options.record;
  if (!Number.isInteger(dim) || dim < 1 || dim > 16_000) {
    throw new RangeError(`A pgvector column has 1 to 16,000 dimensions, not ${dim}.`);
  }
  const config = `'${options.textSearchConfig}'::regconfig`;
  const statements = [
    `CREATE TABLE ${table} (
  ${pgvectorColumns.id} text PRIMARY KEY,
  ${pgvectorColumns.vector} vector(${dim}) NOT NULL,
  ${pgvectorColumns.text} text NOT NULL,
  ${pgvectorColumns.metadata} jsonb NOT NULL DEFAULT '{}'::jsonb,
  ${pgvectorColumns.textSearch} tsvector GENERATED ALWAYS AS (to_tsvector(${config}, ${pgvectorColumns.text})) STORED
)`,
    `CREATE INDEX ON ${table} USING gin (${pgvectorColumns.metadata} jsonb_path_ops)`,
    `CREATE INDEX ON ${table} USING gin (${pgvectorColumns.textSearch})`,
  ];
  if (dim <= maxHnswDimensions) {
    statements.push(
      `CREATE INDEX ON ${table} USING hnsw (${pgvectorColumns.vector} ${metricOperators[metric].operatorClass}) WITH (m = ${options.hnsw.m}, ef_construction = ${options.hnsw.efConstruction})`,
    );
  }
  return statements;
}

/**
 * The statements that give a table embedkit created its sparse columns, run the first time a
 * row with a sparse vector is written (so tables without sparse vectors stay as they were):
 * (under the collections' advisory lock, after checking the columns are still missing):
 * the vector as `sparsevec`, scored by inner product, and its indices as `int4[]` with a GIN
 * index, so a sparse search reads only the rows sharing a term with the query (an inverted
 * index) and a row is a hit exactly when it shares one, as in every embedkit store.
 */
export function addSparseColumnsStatements(name: string): string[] {
  const table = quoteIdentifier(name);
  const vector = quoteIdentifier(pgvectorColumns.sparseVector);
  const terms = quoteIdentifier(pgvectorColumns.sparseTerms);
  return [
    `ALTER TABLE ${table} ADD COLUMN ${vector} sparsevec(${sparseDimensions}), ADD COLUMN ${terms} int4[]`,
    `CREATE INDEX ON ${table} USING gin (${terms})`,
  ];
}
