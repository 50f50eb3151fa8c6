import type { CollectionRecord, VectorMetric } from '@embedkit/core';

/**
 * The collection metadata key that holds embedkit's `CollectionRecord` as JSON (Chroma collection
 * metadata takes scalar values only, so the record travels as one string).
 */
export const chromaRecordKey = 'embedkit:record';

/** Chroma's HNSW spaces are embedkit's metrics under the same names. */
export type ChromaSpace = 'cosine' | 'ip' | 'l2';

/** The collection metadata that records how a new collection is built. */
export function recordMetadata(record: CollectionRecord): Record<string, string> {
  return { [chromaRecordKey]: JSON.stringify(record) };
}

/**
 * The record a collection's metadata holds, `undefined` when it holds none (a collection another
 * tool made), or a `string` describing why it could not be read.
 */
export function readRecord(
  metadata: Record<string, unknown> | null | undefined,
): CollectionRecord | undefined | { unreadable: string } {
  const json = metadata?.[chromaRecordKey];
  if (json === undefined || json === null) return undefined;
  try {
    const record = JSON.parse(String(json)) as Partial<CollectionRecord>;
    if (
      typeof record.dim === 'number' &&
      typeof record.metric === 'string' &&
      typeof record.space === 'object' &&
      typeof record.embedding === 'object'
    ) {
      return record as CollectionRecord;
    }
    return { unreadable: `its ${chromaRecordKey} lacks dim, metric, space or embedding` };
  } catch (error) {
    return { unreadable: `its ${chromaRecordKey} is not JSON (${(error as Error).message})` };
  }
}

/** The metric a Chroma space stands for (Chroma's default space is l2). */
export function metricOfSpace(space: unknown): VectorMetric {
  return space === 'cosine' || space === 'ip' ? space : 'l2';
}
