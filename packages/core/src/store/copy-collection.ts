import { describeEmbeddingSpace, isSameEmbeddingSpace } from '../embedding/embedding-space.js';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { EmbeddingSpaceMismatchError } from '../errors/embedding-space-mismatch-error.js';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { throwIfAborted } from '../errors/throw-if-aborted.js';
import type { DriverVectorStore } from './create-vector-store.js';

/** How far a copy has got; `copied + skipped` rows of `total` are in the target. */
export interface CopyCollectionProgress {
  /** Rows written by this run. */
  copied: number;
  /** Rows the target already held (from an earlier, interrupted run), left untouched. */
  skipped: number;
  /** Rows in the source when the copy started. */
  total: number;
}

export interface CopyCollectionOptions {
  /** Rows read and written per step. Default 500. */
  batchSize?: number;
  /**
   * Calls `target.flush()` after every this many batches (and always at the end). Set it for a
   * target that keeps written rows only when flushed (the memory store's file), so an
   * interrupted copy keeps what it wrote; leave it unset where flushing is costly (Milvus seals
   * segments on flush).
   */
  flushEvery?: number;
  onProgress?: (progress: CopyCollectionProgress) => void;
  signal?: AbortSignal;
}

/**
 * Copies every row (id, text, metadata and the vector, bit for bit) from one store's collection
 * to another's without re-embedding, in batches. Resumable: rows the target already holds are
 * skipped, so re-running after an interruption copies only what is missing. Refuses, before
 * writing, a target whose embedding space differs from the source's (vectors from two spaces are
 * not comparable).
 *
 * The source's driver must be able to list and read rows (`readIds`, `getRows`); every driver
 * can be a target.
 */
export async function copyCollection(
  source: DriverVectorStore,
  target: DriverVectorStore,
  options: CopyCollectionOptions = {},
): Promise<CopyCollectionProgress> {
  const batchSize = options.batchSize ?? 500;
  const { readIds, getRows } = source.driver;
  if (!readIds || !getRows) {
    throw new NotSupportedError({
      message: `The ${source.kind} store cannot list its rows with their vectors, so collection "${source.collection}" cannot be copied from it; copy from a store that can (memory, milvus, and the other embedkit stores), or re-index the documents.`,
    });
  }
  const from = await source.ensureCollection();
  const wanted = target.embedding.space;
  if (!isSameEmbeddingSpace(from.space, wanted)) {
    const message = `Collection "${source.collection}" in the ${source.kind} store was built with ${describeEmbeddingSpace(from.space)}, but the ${target.kind} target is set up for ${describeEmbeddingSpace(wanted)}; copy into a target configured with the source's embedding.`;
    if (from.space.dim !== wanted.dim) {
      throw new DimensionMismatchError({ message, expected: from.space.dim, actual: wanted.dim });
    }
    throw new EmbeddingSpaceMismatchError({ message, expected: from.space, actual: wanted });
  }
  // Opens (or creates) the target; an existing one built with another space is refused here.
  await target.ensureCollection();
  const progress: CopyCollectionProgress = {
    copied: 0,
    skipped: 0,
    total: await source.count(),
  };
  options.onProgress?.({ ...progress });
  let batches = 0;
  for await (const page of readIds.call(source.driver, source.collection, {
    pageSize: batchSize,
    signal: options.signal,
  })) {
    throwIfAborted(options.signal, 'The copy was aborted; re-run it to copy the rest.');
    const present = new Set((await target.get(page)).map((document) => document.id));
    const missing = page.filter((id) => !present.has(id));
    progress.skipped += page.length - missing.length;
    if (missing.length > 0) {
      const rows = await getRows.call(source.driver, source.collection, missing);
      await target.addVectors(rows, { signal: options.signal });
      progress.copied += rows.length;
      batches++;
      if (options.flushEvery !== undefined && batches % options.flushEvery === 0) {
        await target.flush();
      }
    }
    options.onProgress?.({ ...progress });
  }
  await target.flush();
  return progress;
}
