import { InvalidInputError, type SparseVector } from '@embedkit/core';

/**
 * The index that marks a row stored without a sparse vector. Milvus' `SPARSE_FLOAT_VECTOR`
 * fields take no nulls (Milvus Lite 3.2 refuses null rows even in a nullable field) and no
 * empty vectors, yet a collection that keeps sparse vectors must still take rows that have none
 * (a document whose every word is a stop word, a caller's `addVectors` row without one). Such a
 * row is written as this single entry: 2³² − 2, the largest index Milvus accepts, which embedkit
 * refuses in every sparse vector and query, so the row is never a sparse hit and reads back as
 * having no sparse vector.
 */
export const noSparseVectorIndex = 0xffff_fffe;

/** Weight of the `noSparseVectorIndex` entry (Milvus wants a positive one; no query reaches it). */
const noSparseVectorWeight = 1;

/** What the driver writes into the `sparse_vector` field: entries sorted by index, none zero. */
export interface MilvusSparseEntries {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/**
 * A row's sparse vector as Milvus will keep it: zero weights dropped (Milvus drops them itself,
 * and they never change an inner product), the no-sparse-vector marker for a row without one or
 * with nothing left. Refuses what Milvus cannot hold: negative weights (its sparse index takes
 * only non-negative ones) and the reserved index; `what` names the vector.
 */
export function storableSparseEntries(
  vector: SparseVector | undefined,
  what: string,
): MilvusSparseEntries {
  const kept = vector === undefined ? undefined : withoutZeros(vector, what);
  if (kept === undefined || kept.indices.length === 0) {
    return {
      indices: Uint32Array.of(noSparseVectorIndex),
      values: Float32Array.of(noSparseVectorWeight),
    };
  }
  return kept;
}

/**
 * A sparse query as Milvus searches it: zero weights dropped; negative weights and the reserved
 * index refused with an `InvalidInputError`. An empty result matches no row.
 */
export function searchableSparseEntries(vector: SparseVector): MilvusSparseEntries {
  return withoutZeros(vector, 'The sparse query vector');
}

/**
 * A stored sparse vector back from the SDK's `{ index: weight }` form (keys are decimal
 * strings, weights float32 values as numbers, so `Float32Array` restores their exact bits);
 * `undefined` for the no-sparse-vector marker or a missing value.
 */
export function sparseVectorFromMilvus(value: unknown): SparseVector | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([index, weight]) => [Number(index), Number(weight)] as const)
    .filter(([index]) => index !== noSparseVectorIndex)
    .sort((left, right) => left[0] - right[0]);
  if (entries.length === 0) return undefined;
  return {
    indices: Uint32Array.from(entries, ([index]) => index),
    values: Float32Array.from(entries, ([, weight]) => weight),
  };
}

/** Entries as Milvus' `{ index: weight }` form, for the SDK's search and write paths. */
export function sparseEntriesRecord(entries: MilvusSparseEntries): Record<number, number> {
  const record: Record<number, number> = {};
  for (let position = 0; position < entries.indices.length; position++) {
    record[entries.indices[position]!] = entries.values[position]!;
  }
  return record;
}

/**
 * One row of Milvus' `SparseFloatArray` wire form: 8 bytes per entry, a little-endian uint32
 * index then a little-endian float32 weight, in index order.
 */
export function sparseRowBytes(entries: MilvusSparseEntries): Uint8Array {
  const bytes = new Uint8Array(entries.indices.length * 8);
  const view = new DataView(bytes.buffer);
  for (let position = 0; position < entries.indices.length; position++) {
    view.setUint32(position * 8, entries.indices[position]!, true);
    view.setFloat32(position * 8 + 4, entries.values[position]!, true);
  }
  return bytes;
}

function withoutZeros(vector: SparseVector, what: string): MilvusSparseEntries {
  let kept = 0;
  for (let position = 0; position < vector.indices.length; position++) {
    const index = vector.indices[position]!;
    const weight = vector.values[position]!;
    if (index >= noSparseVectorIndex) {
      throw new InvalidInputError({
        message: `${what} has index ${index}, but Milvus sparse vectors here take indices up to ${noSparseVectorIndex - 1} (${noSparseVectorIndex} marks rows without a sparse vector); use a sparse embedding with a smaller space.`,
      });
    }
    if (weight < 0) {
      throw new InvalidInputError({
        message: `${what} has the negative weight ${weight} at index ${index}, but Milvus sparse vectors take only non-negative weights; use a sparse embedding with non-negative weights (BM25, SPLADE) or a store that keeps negative ones (memory, pgvector).`,
      });
    }
    if (weight !== 0) kept++;
  }
  if (kept === vector.indices.length) return vector;
  const indices = new Uint32Array(kept);
  const values = new Float32Array(kept);
  let next = 0;
  for (let position = 0; position < vector.indices.length; position++) {
    if (vector.values[position] === 0) continue;
    indices[next] = vector.indices[position]!;
    values[next++] = vector.values[position]!;
  }
  return { indices, values };
}
