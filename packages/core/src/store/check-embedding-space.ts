import type { EmbeddingSpace } from '../embedding/embedding-space.js';
import { describeEmbeddingSpace, isSameEmbeddingSpace } from '../embedding/embedding-space.js';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { EmbeddingSpaceMismatchError } from '../errors/embedding-space-mismatch-error.js';

/**
 * Refuses to use a collection built with another embedding space, naming both: a different
 * dimension is a `DimensionMismatchError`, anything else an `EmbeddingSpaceMismatchError`.
 */
export function checkEmbeddingSpace(
  collection: string,
  stored: EmbeddingSpace,
  current: EmbeddingSpace,
): void {
  if (isSameEmbeddingSpace(stored, current)) return;
  const message = `Collection "${collection}" was built with ${describeEmbeddingSpace(stored)}, but this store uses ${describeEmbeddingSpace(current)}. Vectors from different embedding spaces are not comparable: use the original embedding settings, or another collection name (or drop and rebuild this one).`;
  if (stored.dim !== current.dim) {
    throw new DimensionMismatchError({ message, expected: stored.dim, actual: current.dim });
  }
  throw new EmbeddingSpaceMismatchError({ message, expected: stored, actual: current });
}
