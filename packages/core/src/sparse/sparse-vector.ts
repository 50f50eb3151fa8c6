import { InvalidInputError } from '../errors/invalid-input-error.js';

/**
 * A sparse vector: the positions that are not zero and their values, as two parallel typed
 * arrays with `indices` strictly ascending.
 *
 * Why typed arrays and not `{ [index]: value }`: a BM25 or SPLADE vector of a long document has
 * hundreds of entries; two typed arrays are a fraction of the memory of an object, dot products
 * over two sorted index lists are a merge instead of hash lookups, and every store's wire format
 * (Milvus' sparse rows, pgvector's `sparsevec`) is written from them without rebuilding.
 */
export interface SparseVector {
  /** Non-zero positions, strictly ascending, each below the function's `dim`. */
  readonly indices: Uint32Array;
  /** The value at each position in `indices`; finite, same length as `indices`. */
  readonly values: Float32Array;
}

/**
 * Builds a `SparseVector` from `[index, value]` pairs in any order: sorted by index, zeros
 * dropped. Repeated indices are refused (they would silently add up or overwrite).
 */
export function sparseVectorFromEntries(
  entries: Iterable<readonly [index: number, value: number]>,
): SparseVector {
  const pairs = [...entries]
    .filter(([, value]) => value !== 0)
    .sort((left, right) => left[0] - right[0]);
  const vector = {
    indices: Uint32Array.from(pairs, ([index]) => index),
    values: Float32Array.from(pairs, ([, value]) => value),
  };
  for (let position = 0; position < pairs.length; position++) {
    const index = pairs[position]![0];
    if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) {
      throw new InvalidInputError({
        message: `A sparse vector index must be a whole number from 0 to 4294967295, got ${index}.`,
      });
    }
    if (position > 0 && pairs[position - 1]![0] === index) {
      throw new InvalidInputError({
        message: `A sparse vector has index ${index} twice; give each index once.`,
      });
    }
  }
  return vector;
}

/**
 * Checks a sparse vector (typed arrays of equal length, indices strictly ascending and below
 * `dim` when given, values finite) and returns it; `what` names it in the message.
 */
export function checkSparseVector(
  vector: unknown,
  options: { dim?: number; what?: string; index?: number } = {},
): SparseVector {
  const what = options.what ?? 'The sparse vector';
  const candidate = vector as Partial<SparseVector> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    !(candidate.indices instanceof Uint32Array) ||
    !(candidate.values instanceof Float32Array)
  ) {
    throw new InvalidInputError({
      message: `${what} must be { indices: Uint32Array, values: Float32Array }; build one with sparseVectorFromEntries().`,
      index: options.index,
    });
  }
  const { indices, values } = candidate as SparseVector;
  if (indices.length !== values.length) {
    throw new InvalidInputError({
      message: `${what} has ${indices.length} indices but ${values.length} values; they must be parallel.`,
      index: options.index,
    });
  }
  for (let position = 0; position < indices.length; position++) {
    const index = indices[position]!;
    if (position > 0 && indices[position - 1]! >= index) {
      throw new InvalidInputError({
        message: `${what}'s indices must be strictly ascending; position ${position} holds ${index} after ${indices[position - 1]}.`,
        index: options.index,
      });
    }
    if (options.dim !== undefined && index >= options.dim) {
      throw new InvalidInputError({
        message: `${what} has index ${index}, outside the ${options.dim} dimensions of its space.`,
        index: options.index,
      });
    }
    if (!Number.isFinite(values[position])) {
      throw new InvalidInputError({
        message: `${what} has a non-finite value (${values[position]}) at index ${index}.`,
        index: options.index,
      });
    }
  }
  return candidate as SparseVector;
}

/** The inner product of two sparse vectors (a merge of their sorted index lists). */
export function sparseDot(left: SparseVector, right: SparseVector): number {
  let sum = 0;
  let leftPosition = 0;
  let rightPosition = 0;
  while (leftPosition < left.indices.length && rightPosition < right.indices.length) {
    const leftIndex = left.indices[leftPosition]!;
    const rightIndex = right.indices[rightPosition]!;
    if (leftIndex === rightIndex) {
      sum += left.values[leftPosition]! * right.values[rightPosition]!;
      leftPosition++;
      rightPosition++;
    } else if (leftIndex < rightIndex) leftPosition++;
    else rightPosition++;
  }
  return sum;
}
