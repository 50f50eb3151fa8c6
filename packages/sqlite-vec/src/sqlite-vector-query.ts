import type { SearchResult, StoredField, VectorMetric } from '@embedkit/core';
import type { SqliteCollection } from './open-sqlite-collection.js';
import type { SqlClause } from './sqlite-filter-clause.js';

/** A statement to run and how to turn its rows into hits. */
export interface SqliteSearch {
  sql: string;
  parameters: unknown[];
  toResult(row: Record<string, unknown>): SearchResult;
}

/**
 * Exact nearest-neighbour search: every row that passes the filter is scored by sqlite-vec's
 * distance function in one statement, ordered best first, ties by id, and cut at `topK`. Exact
 * search keeps filters correct (nothing is lost by filtering after an approximate top-k).
 *
 * Scores: cosine `1 − vec_distance_cosine` (0 for a zero vector, as core's cosine gives);
 * l2 `vec_distance_l2²` (sqlite-vec returns the plain Euclidean distance); ip `embedkit_dot`,
 * the inner product registered by the driver.
 */
export function sqliteVectorSearch(options: {
  collection: SqliteCollection;
  vector: Float32Array;
  topK: number;
  filter: SqlClause | undefined;
  outputFields: readonly StoredField[];
}): SqliteSearch {
  const { collection, vector, topK, filter, outputFields } = options;
  const { table, columns } = collection;
  const score = scoreExpression(collection.metric, columns.vector);
  const selected = [
    `${columns.id} AS id`,
    outputFields.includes('text') ? `${columns.text} AS text` : `'' AS text`,
    outputFields.includes('metadata') ? `${columns.metadata} AS metadata` : `NULL AS metadata`,
    `${score} AS score`,
  ];
  const direction = collection.metric === 'l2' ? 'ASC' : 'DESC';
  const sql = `SELECT ${selected.join(', ')} FROM ${table}${filter ? ` WHERE ${filter.sql}` : ''} ORDER BY score ${direction}, id ASC LIMIT ?`;
  const query = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
  return {
    sql,
    parameters: [query, ...(filter?.parameters ?? []), topK],
    toResult: (row) => {
      const raw = Number(row.score);
      return {
        ...storedDocument(row),
        score: collection.metric === 'l2' ? raw * raw : raw,
      };
    },
  };
}

function scoreExpression(metric: VectorMetric, vector: string): string {
  if (metric === 'l2') return `vec_distance_l2(${vector}, ?)`;
  if (metric === 'ip') return `embedkit_dot(${vector}, ?)`;
  return `COALESCE(1 - vec_distance_cosine(${vector}, ?), 0)`;
}

/** A row's id, text and metadata as a stored document (metadata `{}` when not selected or null). */
export function storedDocument(row: Record<string, unknown>) {
  const metadata = typeof row.metadata === 'string' ? JSON.parse(row.metadata) : {};
  return {
    id: String(row.id),
    text: row.text === null || row.text === undefined ? '' : String(row.text),
    metadata:
      metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {},
  };
}
