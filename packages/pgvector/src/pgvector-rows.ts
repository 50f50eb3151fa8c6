import type { Metadata, SearchResult, StoredDocument, StoreRow } from '@embedkit/core';
import type { PgvectorCollection } from './pgvector-collection.js';
import { parseSparseVector } from './sparse-vector-literal.js';
import type { SqlExecutor, SqlRow } from './sql-connection.js';
import { SqlParameters } from './sql-parameters.js';

/** Ids per `IN (…)` list of `get`, `getRows` and `delete`. */
export const idsPerStatement = 5000;

/** Ids in chunks of `idsPerStatement`, each as bound placeholders for an `IN (…)` list. */
export function idLists(ids: readonly string[]): { list: string; parameters: SqlParameters }[] {
  const lists: { list: string; parameters: SqlParameters }[] = [];
  for (let start = 0; start < ids.length; start += idsPerStatement) {
    const parameters = new SqlParameters();
    const list = ids
      .slice(start, start + idsPerStatement)
      .map((id) => `${parameters.add(id)}::text`)
      .join(', ');
    lists.push({ list, parameters });
  }
  return lists;
}

/**
 * Rows by id in the order asked (unknown ids left out), with their vectors when `withVectors`.
 * pgvector prints each float32 as the shortest decimal that reads back to it, so vectors come
 * back bit for bit.
 */
export async function rowsByIds(
  executor: SqlExecutor,
  table: PgvectorCollection,
  ids: readonly string[],
  withVectors: true,
): Promise<StoreRow[]>;
export async function rowsByIds(
  executor: SqlExecutor,
  table: PgvectorCollection,
  ids: readonly string[],
  withVectors: false,
): Promise<StoredDocument[]>;
export async function rowsByIds(
  executor: SqlExecutor,
  table: PgvectorCollection,
  ids: readonly string[],
  withVectors: boolean,
): Promise<(StoredDocument | StoreRow)[]> {
  const sparse =
    withVectors && table.sparse
      ? `, ${table.sparse.vector}::text AS sparse_vector, ${table.sparse.terms}::text AS sparse_terms`
      : '';
  const vector = withVectors ? `, ${table.columns.vector}::text AS vector${sparse}` : '';
  const found = new Map<string, StoredDocument | StoreRow>();
  for (const { list, parameters } of idLists(ids)) {
    const rows = await executor.query(
      `SELECT ${table.idText} AS id, ${table.textValue} AS text, ${table.metadataValue} AS metadata${vector} FROM ${table.table} WHERE ${table.idText} IN (${list})`,
      parameters.values,
    );
    for (const row of rows) {
      const { score: _score, ...document } = toSearchResult(row, 0);
      found.set(
        document.id,
        withVectors
          ? { ...document, vector: parseVector(String(row.vector)), ...sparseOf(row) }
          : document,
      );
    }
  }
  return ids.flatMap((id) => {
    const row = found.get(id);
    return row ? [row] : [];
  });
}

/** The row's sparse vector as `StoreRow.sparse`, when it has one. */
function sparseOf(row: SqlRow): Pick<StoreRow, 'sparse'> {
  if (typeof row.sparse_vector !== 'string' || typeof row.sparse_terms !== 'string') return {};
  const inner = row.sparse_terms.replace(/^\{|\}$/g, '');
  const terms = inner === '' ? [] : inner.split(',').map(Number);
  return { sparse: parseSparseVector(row.sparse_vector, terms) };
}

/** A result row as a hit: a NULL text of a foreign table is `''`, a NULL metadata `{}`. */
export function toSearchResult(row: SqlRow, score: number): SearchResult {
  return {
    id: String(row.id),
    text: typeof row.text === 'string' ? row.text : '',
    metadata: toMetadata(row.metadata),
    score,
  };
}

function toMetadata(value: unknown): Metadata {
  if (typeof value === 'string') return JSON.parse(value) as Metadata;
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Metadata)
    : {};
}

/** pgvector's text form (`[0.1,0.2]`) as a Float32Array. */
export function parseVector(text: string): Float32Array {
  const inner = text.trim().replace(/^\[|\]$/g, '');
  return inner === '' ? new Float32Array(0) : Float32Array.from(inner.split(','), Number);
}
