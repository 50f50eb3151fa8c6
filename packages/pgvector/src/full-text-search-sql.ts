import type { FilterNode, StoredField } from '@embedkit/core';
import { metadataFilterSql } from './metadata-filter-sql.js';
import type { PgvectorCollection } from './pgvector-collection.js';
import { selectedFields } from './pgvector-search-sql.js';
import { SqlParameters } from './sql-parameters.js';

/** How the query text becomes a `tsquery`; see the `textQuery` setting. */
export type TextQueryMode = 'any' | 'websearch';

/**
 * The full-text side of a hybrid search: rows whose `tsvector` matches the query, ranked by
 * `ts_rank` (no length normalization; best first, ties by id), with the same filter as the
 * dense side. The rank goes to core's `fuseHybridHits` raw, which maps it into [0, 1] for the
 * `weighted` ranker the same way as every store's full-text relevance. `any` turns
 * `plainto_tsquery`'s AND of the query's lexemes into an OR (PostgreSQL prints each lexeme
 * quoted, so only the operators change), which is what a hybrid search wants: a document with
 * some of the words still ranks. The query text and the configuration are bound parameters.
 */
export function fullTextSearchSql(options: {
  collection: PgvectorCollection;
  text: string;
  mode: TextQueryMode;
  limit: number;
  filter: FilterNode | undefined;
  outputFields: readonly StoredField[];
}): { sql: string; parameters: unknown[] } {
  const { collection } = options;
  const parameters = new SqlParameters();
  const config = `${parameters.add(collection.textSearchConfig)}::regconfig`;
  const text = `${parameters.add(options.text)}::text`;
  const tsquery =
    options.mode === 'websearch'
      ? `websearch_to_tsquery(${config}, ${text})`
      : `replace(plainto_tsquery(${config}, ${text})::text, ' & ', ' | ')::tsquery`;
  const filter = options.filter
    ? ` AND ${metadataFilterSql(options.filter, collection.metadataValue, parameters)}`
    : '';
  const limit = parameters.add(options.limit);
  const sql = `SELECT ${selectedFields(collection, options.outputFields)}, ts_rank(${collection.textSearch}, query.q) AS rank FROM ${collection.table}, (SELECT ${tsquery} AS q) AS query WHERE ${collection.textSearch} @@ query.q${filter} ORDER BY rank DESC, ${collection.idText} COLLATE "C" LIMIT ${limit}`;
  return { sql, parameters: parameters.values };
}
