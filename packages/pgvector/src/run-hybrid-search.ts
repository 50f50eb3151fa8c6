import type { FilterNode, HybridRanker, SearchResult, StoredField } from '@embedkit/core';
import { fullTextSearchSql, type TextQueryMode } from './full-text-search-sql.js';
import type { PgvectorCollection } from './pgvector-collection.js';
import { toSearchResult } from './pgvector-rows.js';
import { fuseRankings, normalizeDenseScore } from './rank-fusion.js';
import { runVectorSearch } from './run-vector-search.js';
import type { SqlConnection } from './sql-connection.js';

/**
 * Dense search and PostgreSQL full-text search (`ts_rank` on the `tsvector`), each with the
 * filter and `candidates` hits, merged by the ranker (RRF or weighted) into the first `topK`.
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
  const sparse = (await connection.query(sql, parameters)).map((row) =>
    toSearchResult(row, Number(row.rank)),
  );
  return fuseRankings(
    { hits: dense, normalize: normalizeDenseScore(collection.metric) },
    // ts_rank with normalization 32 is rank / (rank + 1): already in [0, 1).
    { hits: sparse, normalize: (rank) => rank },
    options.ranker,
    options.topK,
  );
}
