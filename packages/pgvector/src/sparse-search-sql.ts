import type { FilterNode, SparseVector, StoredField } from '@embedkit/core';
import { metadataFilterSql } from './metadata-filter-sql.js';
import type { PgvectorCollection } from './pgvector-collection.js';
import { selectedFields } from './pgvector-search-sql.js';
import { sparseTermsLiteral, sparseVectorLiteral } from './sparse-vector-literal.js';
import { SqlParameters } from './sql-parameters.js';

/**
 * The statement of a sparse query on a table with sparse columns: the rows whose term list
 * overlaps the query's (`&&`, served by the GIN index, so only rows sharing a term are read),
 * by pgvector's negative inner product `<#>` (the `distance`; the score is its negation), best
 * first, ties by id (code point order). Exact: no approximate index is involved.
 */
export function sparseSearchSql(options: {
  collection: PgvectorCollection;
  sparse: NonNullable<PgvectorCollection['sparse']>;
  vector: SparseVector;
  topK: number;
  filter: FilterNode | undefined;
  outputFields: readonly StoredField[];
}): { sql: string; parameters: unknown[] } {
  const { collection, sparse } = options;
  const parameters = new SqlParameters();
  const distance = `${sparse.vector} <#> ${parameters.add(sparseVectorLiteral(options.vector))}::sparsevec`;
  const conditions = [
    `${sparse.terms} && ${parameters.add(sparseTermsLiteral(options.vector))}::int4[]`,
  ];
  if (options.filter) {
    conditions.push(`(${metadataFilterSql(options.filter, collection.metadataValue, parameters)})`);
  }
  const limit = parameters.add(options.topK);
  const sql = `SELECT ${selectedFields(collection, options.outputFields)}, ${distance} AS distance FROM ${collection.table} WHERE ${conditions.join(' AND ')} ORDER BY ${distance}, ${collection.idText} COLLATE "C" LIMIT ${limit}`;
  return { sql, parameters: parameters.values };
}
