import { precomputedRows } from './precomputed-rows.js';

/** One row of the Milvus ingest scenario: what every inserter upserts, identically. */
export interface MilvusIngestRow {
  readonly id: string;
  readonly text: string;
  readonly vector: Float32Array;
  readonly metadata: { readonly row: number; readonly group: string };
}

/**
 * `count` rows with string ids and JSON metadata, so every inserter fills every field of
 * embedkit's collection (VarChar id, vector, text, JSON metadata) with the same values.
 */
export function milvusIngestRows(count: number): MilvusIngestRow[] {
  const { texts, vectors } = precomputedRows(count);
  return texts.map((text, index) => ({
    id: `row-${index}`,
    text,
    vector: vectors[index]!,
    metadata: { row: index, group: `g${index % 10}` },
  }));
}
