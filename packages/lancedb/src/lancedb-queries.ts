import type { SearchResult, StoredDocument, StoredField, VectorMetric } from '@embedkit/core';
import type { LanceLayout } from './lancedb-arrow.js';
import { sqlString } from './lancedb-filter-expression.js';

/** LanceDB's name for each metric's distance. */
export const lanceDistanceType = { cosine: 'cosine', ip: 'dot', l2: 'l2' } as const;

/**
 * A hit's score from LanceDB's `_distance`: cosine distance is `1 − cosine`, its dot distance is
 * `1 − inner product` (so both map back by `1 − d`), and its l2 distance is already the squared
 * Euclidean distance that core's l2 score is.
 */
export function scoreFromDistance(metric: VectorMetric, distance: number): number {
  return metric === 'l2' ? distance : 1 - distance;
}

/** The columns a search reads for the requested fields. */
export function selectedColumns(
  layout: LanceLayout,
  outputFields: readonly StoredField[],
): string[] {
  return [
    layout.id,
    ...(outputFields.includes('text') ? [layout.text] : []),
    ...(outputFields.includes('metadata') ? [layout.metadata] : []),
  ];
}

/** A row LanceDB returned, as a stored document (missing fields as `''` and `{}`). */
export function toStoredDocument(
  layout: LanceLayout,
  row: Record<string, unknown>,
): StoredDocument {
  const text = row[layout.text];
  const metadata = row[layout.metadata];
  const parsed = typeof metadata === 'string' ? JSON.parse(metadata) : {};
  return {
    id: String(row[layout.id]),
    text: text === null || text === undefined ? '' : String(text),
    metadata: parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {},
  };
}

/** A hit with its score. */
export function toSearchResult(
  layout: LanceLayout,
  row: Record<string, unknown>,
  score: number,
): SearchResult {
  return { ...toStoredDocument(layout, row), score };
}

/** `id IN (…)` for a list of ids, each a SQL string literal. */
export function idsPredicate(idColumn: string, ids: readonly string[]): string {
  return `${idColumn} IN (${ids.map(sqlString).join(', ')})`;
}

/** Splits ids into lists short enough for one SQL predicate. */
export function idChunks(ids: readonly string[], size = 500): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += size)
    chunks.push(ids.slice(start, start + size));
  return chunks;
}
