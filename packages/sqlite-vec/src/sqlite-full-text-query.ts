import type { StoredField } from '@embedkit/core';
import type { SqliteCollection } from './open-sqlite-collection.js';
import type { SqlClause } from './sqlite-filter-clause.js';
import { type SqliteSearch, storedDocument } from './sqlite-vector-query.js';

/**
 * The full-text side of a hybrid search: FTS5's BM25 over the collection's text, filtered like
 * the dense side, best first (ties by id). The score is the BM25 relevance, positive and higher
 * for a better match (FTS5's `bm25()` is its negation, lower-is-better).
 */
export function sqliteFullTextSearch(options: {
  collection: SqliteCollection & { fullText: string };
  match: string;
  topK: number;
  /** The filter compiled on `rows.<metadata column>`. */
  filter: SqlClause | undefined;
  outputFields: readonly StoredField[];
}): SqliteSearch {
  const { collection, match, topK, filter, outputFields } = options;
  const { table, columns, fullText } = collection;
  const selected = [
    `rows.${columns.id} AS id`,
    outputFields.includes('text') ? `rows.${columns.text} AS text` : `'' AS text`,
    outputFields.includes('metadata') ? `rows.${columns.metadata} AS metadata` : `NULL AS metadata`,
    `-bm25(${fullText}) AS score`,
  ];
  const sql = `SELECT ${selected.join(', ')} FROM ${fullText} JOIN ${table} AS rows ON rows.embedkit_rowid = ${fullText}.rowid WHERE ${fullText} MATCH ?${filter ? ` AND ${filter.sql}` : ''} ORDER BY score DESC, id ASC LIMIT ?`;
  return {
    sql,
    parameters: [match, ...(filter?.parameters ?? []), topK],
    toResult: (row) => ({ ...storedDocument(row), score: Number(row.score) }),
  };
}
