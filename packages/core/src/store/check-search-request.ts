import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { parseMetadataFilter } from './parse-metadata-filter.js';
import type { SearchOptions, StoredField } from './vector-store.js';
import type { DriverQuery, VectorStoreDriver } from './vector-store-driver.js';

/**
 * Checks a vector against the collection's dimension and returns it as a `Float32Array` (the
 * caller's array when it already is one: drivers copy what they keep).
 */
export function checkStoreVector(
  vector: Float32Array | readonly number[],
  dim: number,
  collection: string,
  index?: number,
): Float32Array {
  const what = index === undefined ? 'The vector' : `Document ${index}'s vector`;
  if (!(vector instanceof Float32Array) && !Array.isArray(vector)) {
    throw new InvalidInputError({
      message: `${what} is not a Float32Array or an array of numbers.`,
      index,
    });
  }
  if (vector.length !== dim) {
    throw new DimensionMismatchError({
      message: `${what} has ${vector.length} dimensions; collection "${collection}" holds ${dim}.`,
      expected: dim,
      actual: vector.length,
    });
  }
  const floats = vector instanceof Float32Array ? vector : Float32Array.from(vector);
  for (let position = 0; position < floats.length; position++) {
    if (!Number.isFinite(floats[position])) {
      throw new InvalidInputError({
        message: `${what} has a non-finite value (${floats[position]}) at position ${position}.`,
        index,
      });
    }
  }
  return floats;
}

/**
 * Checks search options once for every store: topK a positive integer (default 10), the filter valid
 * in the shared language and within what the driver can express (normalized into a `FilterNode`),
 * or a string for drivers with native filters, `outputFields` among
 * `text` and `metadata`. Returns the driver query without its vector, so a text search can check
 * its options before it pays for the query's embedding.
 */
export function checkSearchOptions(
  driver: VectorStoreDriver,
  options: SearchOptions,
): Omit<DriverQuery, 'vector'> {
  const topK = options.topK ?? 10;
  if (!Number.isInteger(topK) || topK < 1) {
    throw new InvalidInputError({ message: `topK must be a positive integer, got ${topK}.` });
  }
  const { filter } = options;
  if (typeof filter === 'string') {
    if (!driver.nativeFilters) {
      throw new NotSupportedError({
        message: `The ${driver.kind} store takes filters as objects such as { source: "a.md" }, not expression strings ("${filter}").`,
      });
    }
  }
  const node =
    typeof filter === 'string'
      ? filter
      : filter === undefined
        ? undefined
        : parseMetadataFilter(
            filter,
            driver.filterOperators && { operators: driver.filterOperators, store: driver.kind },
          );
  const outputFields = options.outputFields;
  if (outputFields !== undefined) {
    if (
      !Array.isArray(outputFields) ||
      outputFields.some((field: StoredField) => field !== 'text' && field !== 'metadata')
    ) {
      throw new InvalidInputError({
        message: `outputFields may hold "text" and "metadata", got ${JSON.stringify(outputFields)}.`,
      });
    }
  }
  return {
    topK,
    ...(node === undefined ? {} : { filter: node }),
    ...(outputFields === undefined ? {} : { outputFields }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

/** `checkSearchOptions` plus the query vector's dimension: the whole driver query. */
export function checkSearchRequest(
  driver: VectorStoreDriver,
  vector: Float32Array | readonly number[],
  dim: number,
  collection: string,
  options: SearchOptions,
): DriverQuery {
  return {
    ...checkSearchOptions(driver, options),
    vector: checkStoreVector(vector, dim, collection),
  };
}
