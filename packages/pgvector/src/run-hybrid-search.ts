import {
  type FilterNode,
  fuseHybridHits,
  type HybridRanker,
  type SearchResult,
  type StoredField,
} from '@embedkit/core';
import { fullTextSearchSql, type TextQueryMode } from './full-text-search-sql.js';
import type { PgvectorCollection } from './pgvector-collection.js';
import { toSearchResult } from './pgvector-rows.js';
import { runVectorSearch } from './run-vector-search.js';
import type { SqlConnection } from './sql-connection.js';

/**
 * Dense search and PostgreSQL full-text search (`ts_rank` on the `tsvector`), each with the
 * filter and `candidates` hits, merged by core's `fuseHybridHits` (RRF or weighted) into the first
 * `topK`, so a ranker means the same here as on every other store.
 */
export async function runHybridSearch(
  connection: SqlConnection,
  options: {
    collection: PgvectorCollection;
    vector: Float32Array;
    text: string;
    textQuery: TextQueryMode;
    topK: number;
    candidates: number;
    ranker: HybridRanker;
    filter: FilterNode | undefined;
    outputFields: readonly StoredField[];
    efSearch: number | undefined;
  },
): Promise<SearchResult[]> {
  const { collection, filter, outputFields } = options;
  const dense = await runVectorSearch(connection, {
    collection,
    vector: options.vector,
    topK: options.candidates,
    filter,
    outputFields,
    efSearch: options.efSearch,
  });
  const { sql, parameters } = fullTextSearchSql({
    collection,
    text: options.text,
    mode: options.textQuery,
    limit: options.candidates,
    filter,
    outputFields,
  });
  const fullText = (await connection.query(sql, parameters)).map((row) =>
    toSearchResult(row, Number(row.rank)),
  );
  return fuseHybridHits({
    dense,
    fullText,
    ranker: options.ranker,
    metric: collection.metric,
    topK: options.topK,
  });
}
