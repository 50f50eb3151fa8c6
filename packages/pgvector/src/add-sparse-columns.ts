import { NotSupportedError } from '@embedkit/core';
import { sparseColumns, tableColumns } from './open-pgvector-collection.js';
import type { PgvectorCollection } from './pgvector-collection.js';
import { addSparseColumnsStatements, createLockKey } from './pgvector-schema.js';
import type { SqlExecutor } from './sql-connection.js';

/**
 * The table's sparse columns as they are now: another process may have added them since this
 * driver opened the table, and a write that left them out would keep a replaced row's old
 * sparse vector. `undefined` when the table has none (always for a foreign table).
 */
export async function currentSparseColumns(
  executor: SqlExecutor,
  collection: PgvectorCollection,
): Promise<PgvectorCollection['sparse']> {
  if (collection.sparse || collection.foreign) return collection.sparse;
  return sparseColumns(await tableColumns(executor, collection.name));
}

/**
 * The table's sparse columns, added now when it has none yet (inside the caller's transaction,
 * under the advisory lock that serializes schema changes, so two writers add them once).
 * Refused for a table another tool made (embedkit does not change its columns) and when the
 * installed pgvector predates `sparsevec` (0.7.0).
 */
export async function addSparseColumns(
  executor: SqlExecutor,
  collection: PgvectorCollection,
  store: string,
): Promise<NonNullable<PgvectorCollection['sparse']>> {
  if (collection.sparse) return collection.sparse;
  if (collection.foreign) {
    throw new NotSupportedError({
      message: `Table "${collection.name}" was made by another tool, so the ${store} store does not add sparse columns to it; write sparse vectors to a table embedkit creates, or leave them out.`,
    });
  }
  await executor.query('SELECT pg_advisory_xact_lock($1)', [createLockKey]);
  const [type] = await executor.query("SELECT to_regtype('sparsevec') IS NOT NULL AS found");
  if (!type?.found) {
    throw new NotSupportedError({
      message: `The pgvector extension installed in this database has no sparsevec type (added in pgvector 0.7.0), so the ${store} store cannot keep sparse vectors; upgrade pgvector (ALTER EXTENSION vector UPDATE) or leave sparse vectors out.`,
    });
  }
  let sparse = sparseColumns(await tableColumns(executor, collection.name));
  if (!sparse) {
    for (const statement of addSparseColumnsStatements(collection.name)) {
      await executor.query(statement);
    }
    sparse = sparseColumns(await tableColumns(executor, collection.name))!;
  }
  return sparse;
}
