import type { StoreRow } from '@embedkit/core';
import type { PgvectorCollection } from './pgvector-collection.js';
import { maxStatementParameters, SqlParameters } from './sql-parameters.js';
import { vectorLiteral } from './vector-literal.js';

/** Bound parameters per row: id, vector, text, metadata. */
const parametersPerRow = 4;

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
    const size = row.vector.length * 16 + row.id.length + row.text.length + 256;
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

/** One multi-row `INSERT … ON CONFLICT (id) DO UPDATE` with every value bound. */
export function upsertSql(
  collection: PgvectorCollection,
  rows: readonly StoreRow[],
): { sql: string; parameters: unknown[] } {
  const parameters = new SqlParameters();
  const values = rows.map(
    (row) =>
      `(${parameters.add(row.id)}, ${parameters.add(vectorLiteral(row.vector))}::vector, ${parameters.add(row.text)}, ${parameters.add(JSON.stringify(row.metadata))}::jsonb)`,
  );
  const { id, vector, text, metadata } = collection.columns;
  const sql = `INSERT INTO ${collection.table} (${id}, ${vector}, ${text}, ${metadata}) VALUES ${values.join(', ')} ON CONFLICT (${id}) DO UPDATE SET ${vector} = EXCLUDED.${vector}, ${text} = EXCLUDED.${text}, ${metadata} = EXCLUDED.${metadata}`;
  return { sql, parameters: parameters.values };
}
