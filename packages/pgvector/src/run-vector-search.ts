import type { FilterNode, SearchResult, StoredField } from '@embedkit/core';
import type { PgvectorCollection } from './pgvector-collection.js';
import { toSearchResult } from './pgvector-rows.js';
import { scoreFromDistance, searchPlan, vectorSearchSql } from './pgvector-search-sql.js';
import type { SqlConnection, SqlExecutor } from './sql-connection.js';

/**
 * Runs a nearest-neighbour query with its plan (see `searchPlan`): as is on the HNSW index, or
 * in a transaction that raises `hnsw.ef_search` (to topK or `efSearch`) or turns index scans off (exact).
 */
export async function runVectorSearch(
  connection: SqlConnection,
  options: {
    collection: PgvectorCollection;
    vector: Float32Array;
    topK: number;
    filter: FilterNode | undefined;
    outputFields: readonly StoredField[];
    /** The `efSearch` setting, when given. */
    efSearch: number | undefined;
  },
): Promise<SearchResult[]> {
  const { sql, parameters } = vectorSearchSql(options);
  const { metric } = options.collection;
  const run = async (executor: SqlExecutor) =>
    (await executor.query(sql, parameters)).map((row) =>
      toSearchResult(row, scoreFromDistance(metric, Number(row.distance))),
    );
  const plan = searchPlan(options.topK, options.filter !== undefined, options.efSearch);
  if (plan.kind === 'index') return run(connection);
  return connection.transaction(async (transaction) => {
    if (plan.kind === 'exact') {
      await transaction.query("SELECT set_config('enable_indexscan', 'off', true)");
    } else {
      await transaction.query("SELECT set_config('hnsw.ef_search', $1, true)", [
        String(plan.efSearch),
      ]);
    }
    return run(transaction);
  });
}
