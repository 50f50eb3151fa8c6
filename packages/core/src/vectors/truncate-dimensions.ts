import { InvalidInputError } from '../errors/invalid-input-error.js';
import { normalize } from './normalize.js';

/**
 * Matryoshka truncation: keeps the first `dimensions` values and renormalises, which is how
 * Matryoshka-trained models (Jina v3/v4, OpenAI text-embedding-3, nomic) are meant to be
 * shortened. Returns a new vector; the input is untouched.
 */
export function truncateDimensions(vector: Float32Array, dimensions: number): Float32Array {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > vector.length) {
    throw new InvalidInputError({
      message: `Cannot truncate a ${vector.length}-dimension vector to ${dimensions}; choose 1..${vector.length}.`,
    });
  }
  return normalize(vector.slice(0, dimensions));
}
