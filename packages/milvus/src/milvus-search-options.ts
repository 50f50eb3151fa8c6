import { InvalidInputError, type SearchOptions, type StoredField } from '@embedkit/core';
import { embedkitFieldNames, type MilvusFieldNames } from './milvus-field-names.js';

/**
 * Search options of the Milvus store: core's `SearchOptions`, which now carry `outputFields`.
 * @deprecated Use `SearchOptions` from `@embedkit/core`.
 */
export type MilvusSearchOptions = SearchOptions;

/** Milvus returns at most this many hits per search. */
export const maxTopK = 16_384;

/** Checks `topK` (or `candidates`) before it reaches the server: core checks it is a positive integer, Milvus caps it. */
export function checkTopK(topK: number, name = 'topK'): number {
  if (!Number.isInteger(topK) || topK < 1 || topK > maxTopK) {
    throw new InvalidInputError({
      message: `${name} must be an integer from 1 to ${maxTopK}, got ${topK}.`,
    });
  }
  return topK;
}

/** The Milvus field names for `outputFields`; the id always comes back. */
export function outputFieldNames(
  fields: readonly StoredField[] | undefined,
  names: MilvusFieldNames = embedkitFieldNames,
): string[] {
  const chosen = fields ?? ['text', 'metadata'];
  for (const field of chosen) {
    if (field !== 'text' && field !== 'metadata') {
      throw new InvalidInputError({
        message: `outputFields may hold "text" and "metadata", got "${String(field)}".`,
      });
    }
  }
  return [names.id, ...chosen.map((field) => names[field])];
}
