import type { Metadata } from '@embedkit/core';
import type { MilvusSparseEntries } from './milvus-sparse-vector.js';

/** A row as sent to Milvus. Vectors stay typed arrays until a path needs `number[]`. */
export type MilvusRow = {
  id: string;
  vector: Float32Array | readonly number[];
  text: string;
  metadata: Metadata;
  /**
   * The row's sparse vector as Milvus keeps it (`storableSparseEntries`: zeros dropped, the
   * no-sparse-vector marker for none), for a collection with the `sparse_vector` field.
   */
  sparse?: MilvusSparseEntries;
};

export interface InsertBatchLimits {
  maxRows: number;
  maxBytes: number;
}

/** Framing and field overhead per row in a Milvus insert request, estimated generously. */
const rowOverheadBytes = 64;

/**
 * Estimated bytes of one row on the wire: 4 per float, 8 per sparse entry, the strings in UTF-8,
 * the metadata as JSON.
 * Overestimates a little on purpose, so a batch stays under the server's message limit.
 */
export function estimateRowBytes(row: MilvusRow): number {
  return (
    rowOverheadBytes +
    row.vector.length * 4 +
    (row.sparse?.indices.length ?? 1) * 8 +
    Buffer.byteLength(row.id) +
    Buffer.byteLength(row.text) +
    Buffer.byteLength(JSON.stringify(row.metadata))
  );
}

/**
 * Splits rows into insert requests bounded by row count and by estimated bytes, in order. A row
 * larger than the byte limit on its own travels alone (the server decides whether it fits).
 */
export function insertBatches(
  rows: readonly MilvusRow[],
  limits: InsertBatchLimits,
): MilvusRow[][] {
  const batches: MilvusRow[][] = [];
  let current: MilvusRow[] = [];
  let currentBytes = 0;
  for (const row of rows) {
    const bytes = estimateRowBytes(row);
    const full = current.length >= limits.maxRows || currentBytes + bytes > limits.maxBytes;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(row);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
