import type { FilterNode, StoredField, VectorMetric } from '@embedkit/core';
import { metadataFilterSql } from './metadata-filter-sql.js';
import type { PgvectorCollection } from './pgvector-collection.js';
import { metricOperators } from './pgvector-schema.js';
import { SqlParameters } from './sql-parameters.js';
import { vectorLiteral } from './vector-literal.js';

/** pgvector's default `hnsw.ef_search`: an HNSW scan returns at most this many rows. */
export const defaultEfSearch = 40;

/** pgvector's largest `hnsw.ef_search`; a larger topK is answered by an exact scan. */
export const maxEfSearch = 1000;

/**
 * How a nearest-neighbour query is planned, decided per query:
 * - `index`: unfiltered, topK ≤ 40, no `efSearch` setting — the HNSW index as the server is
 *   configured;
 * - `index-wide`: unfiltered, topK ≤ 1,000 — HNSW with `hnsw.ef_search` set to the larger of topK
 *   and the `efSearch` setting for the query's transaction (`set_config(…, true)`), since a scan
 *   returns at most ef_search rows;
 * - `exact`: filtered, or topK > 1,000 — index scans are turned off for the transaction, so
 *   PostgreSQL filters (with the metadata GIN index) and sorts exactly. A filtered HNSW scan
 *   filters after it found ef_search candidates and can silently return fewer rows than
 *   match; the exact plan never does.
 */
export type SearchPlan =
  | { kind: 'index' }
  | { kind: 'index-wide'; efSearch: number }
  | { kind: 'exact' };

export function searchPlan(
  topK: number,
  filtered: boolean,
  efSearch: number | undefined,
): SearchPlan {
  if (filtered || topK > maxEfSearch) return { kind: 'exact' };
  if (efSearch === undefined && topK <= defaultEfSearch) return { kind: 'index' };
  return { kind: 'index-wide', efSearch: Math.max(topK, efSearch ?? 0) };
}

/** The statement of a nearest-neighbour query: hits best first, ties by id (code point order). */
export function vectorSearchSql(options: {
  collection: PgvectorCollection;
  vector: Float32Array;
  topK: number;
  filter: FilterNode | undefined;
  outputFields: readonly StoredField[];
}): { sql: string; parameters: unknown[] } {
  const { collection } = options;
  const parameters = new SqlParameters();
  const distance = `${collection.columns.vector} ${metricOperators[collection.metric].operator} ${parameters.add(vectorLiteral(options.vector))}::vector`;
  const where = options.filter
    ? ` WHERE ${metadataFilterSql(options.filter, collection.metadataValue, parameters)}`
    : '';
  const limit = parameters.add(options.topK);
  const sql = `SELECT ${selectedFields(collection, options.outputFields)}, ${distance} AS distance FROM ${collection.table}${where} ORDER BY ${distance}, ${collection.idText} COLLATE "C" LIMIT ${limit}`;
  return { sql, parameters: parameters.values };
}

/** The id and the fields asked for, as `id`, `text`, `metadata`. */
export function selectedFields(
  collection: PgvectorCollection,
  outputFields: readonly StoredField[],
): string {
  const fields = [`${collection.idText} AS id`];
  if (outputFields.includes('text')) fields.push(`${collection.textValue} AS text`);
  if (outputFields.includes('metadata')) fields.push(`${collection.metadataValue} AS metadata`);
  return fields.join(', ');
}

/**
 * The store's score from pgvector's distance: `<=>` is cosine distance (score 1 − d), `<#>` the
 * negative inner product (score −d), `<->` the Euclidean distance (score d², squared like every
 * embedkit store's l2).
 */
export function scoreFromDistance(metric: VectorMetric, distance: number): number {
  if (metric === 'cosine') return 1 - distance;
  if (metric === 'ip') return -distance;
  return distance * distance;
}
