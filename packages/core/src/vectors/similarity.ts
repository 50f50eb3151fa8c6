import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { norm, type VectorLike } from './normalize.js';

function checkLengths(left: VectorLike, right: VectorLike): void {
  if (left.length !== right.length) {
    throw new DimensionMismatchError({
      message: `Cannot compare a ${left.length}-dimension vector with a ${right.length}-dimension one.`,
      expected: left.length,
      actual: right.length,
    });
  }
}

/** Inner product; equals cosine similarity for unit vectors. */
export function dot(left: VectorLike, right: VectorLike): number {
  checkLengths(left, right);
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index]! * right[index]!;
  return sum;
}

/** Cosine similarity in [-1, 1]; 0 when either vector is zero. */
export function cosineSimilarity(left: VectorLike, right: VectorLike): number {
  const lengths = norm(left) * norm(right);
  return lengths === 0 ? 0 : dot(left, right) / lengths;
}

/** Squared Euclidean distance (what Milvus reports for L2). */
export function squaredEuclideanDistance(left: VectorLike, right: VectorLike): number {
  checkLengths(left, right);
  let sum = 0;
  for (let index = 0; index < left.length; index++) {
    const difference = left[index]! - right[index]!;
    sum += difference * difference;
  }
  return sum;
}
