import type { StoreRow } from '@embedkit/core';
import type { PgvectorCollection } from './pgvector-collection.js';
import { sparseTermsLiteral, sparseVectorLiteral } from './sparse-vector-literal.js';
import { maxStatementParameters, SqlParameters } from './sql-parameters.js';
import { vectorLiteral } from './vector-literal.js';

/** Bound parameters per row: id, vector, text, metadata, sparse vector and its terms. */
const parametersPerRow = 6;

/** Estimated bytes per statement the batches stay under (vectors travel as text). */
const maxStatementBytes = 32 * 1024 * 1024;

/**
 * The rows of one upsert call, last one winning per id (an `INSERT … ON CONFLICT DO UPDATE`
 * cannot touch one row twice), cut into batches of at most `maxRows` rows, 65,535 bound
 * parameters and about 32 MiB of text each.
 */
export function upsertBatches(rows: readonly StoreRow[], maxRows: number): StoreRow[][] {
  const latest = new Map<string, StoreRow>();
  for (const row of rows) {
    latest.delete(row.id);
    latest.set(row.id, row);
  }
  const rowLimit = Math.min(maxRows, Math.floor(maxStatementParameters / parametersPerRow));
  const batches: StoreRow[][] = [];
  let batch: StoreRow[] = [];
  let bytes = 0;
  for (const row of latest.values()) {
    // A float prints as up to ~16 characters; ids, texts and metadata as their length.
    const size =
      (row.vector.length + (row.sparse?.indices.length ?? 0) * 2) * 16 +
      row.id.length +
      row.text.length +
      256;
    if (batch.length > 0 && (batch.length >= rowLimit || bytes + size > maxStatementBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * One multi-row `INSERT … ON CONFLICT (id) DO UPDATE` with every value bound. When the table
 * has sparse columns every row writes them (NULL for a row without a sparse vector), so a
 * replaced row never keeps its old sparse vector.
 */
export function upsertSql(
  collection: PgvectorCollection,
  rows: readonly StoreRow[],
): { sql: string; parameters: unknown[] } {
  const parameters = new SqlParameters();
  const { sparse } = collection;
  const values = rows.map((row) => {
    const dense = `${parameters.add(row.id)}, ${parameters.add(vectorLiteral(row.vector))}::vector, ${parameters.add(row.text)}, ${parameters.add(JSON.stringify(row.metadata))}::jsonb`;
    if (!sparse) return `(${dense})`;
    const vector = row.sparse ? sparseVectorLiteral(row.sparse) : null;
    const terms = row.sparse ? sparseTermsLiteral(row.sparse) : null;
    return `(${dense}, ${parameters.add(vector)}::sparsevec, ${parameters.add(terms)}::int4[])`;
  });
  const { id, vector, text, metadata } = collection.columns;
  const columns = [id, vector, text, metadata];
  if (sparse) columns.push(sparse.vector, sparse.terms);
  const updates = columns
    .filter((column) => column !== id)
    .map((column) => `${column} = EXCLUDED.${column}`);
  const sql = `INSERT INTO ${collection.table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${id}) DO UPDATE SET ${updates.join(', ')}`;
  return { sql, parameters: parameters.values };
}
