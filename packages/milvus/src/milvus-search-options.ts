import { InvalidInputError, type SearchOptions } from '@embedkit/core';
import { milvusFields } from './milvus-schema.js';

/** Search options of the Milvus store. */
export interface MilvusSearchOptions extends SearchOptions {
  /**
   * Which stored fields to return with each hit. Default both; leaving `text` out saves bandwidth
   * (hits then carry an empty `text`), leaving `metadata` out gives `{}`.
   */
  outputFields?: readonly ('text' | 'metadata')[];
}

/** Milvus returns at most this many hits per search. */
export const maxTopK = 16_384;

/** Checks `topK` before it reaches the server. */
export function checkTopK(topK: number): number {
  if (!Number.isInteger(topK) || topK < 1 || topK > maxTopK) {
    throw new InvalidInputError({
      message: `topK must be an integer from 1 to ${maxTopK}, got ${topK}.`,
    });
  }
  return topK;
}

/** The Milvus field names for `outputFields`; the id always comes back. */
export function outputFieldNames(fields: MilvusSearchOptions['outputFields']): string[] {
  const chosen = fields ?? ['text', 'metadata'];
  for (const field of chosen) {
    if (field !== 'text' && field !== 'metadata') {
      throw new InvalidInputError({
        message: `outputFields may hold "text" and "metadata", got "${String(field)}".`,
      });
    }
  }
  return [milvusFields.id, ...chosen.map((field) => milvusFields[field])];
}
