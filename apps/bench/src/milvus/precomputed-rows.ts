import { createSeededRandom } from '@embedkit/testing/seeded-random';
import { syntheticCorpus } from '../synthetic-corpus.js';

/** Rows to insert: a text and a unit vector each, identical in every process for one seed. */
export interface PrecomputedRows {
  readonly texts: string[];
  readonly vectors: Float32Array[];
}

/**
 * `count` short synthetic texts with seeded random unit vectors of `dimensions`, standing in for
 * embeddings computed earlier (scenario 4 measures the store, not the provider).
 */
export function precomputedRows(count: number, dimensions = 1024): PrecomputedRows {
  const corpus = syntheticCorpus({ documents: count, minTokens: 20, maxTokens: 60, seed: 44 });
  // Numbered, so no two rows share a text (short synthetic texts can repeat).
  const texts = corpus.texts.map((text, index) => `Row ${index}. ${text}`);
  const random = createSeededRandom(4_444);
  const vectors = texts.map(() => {
    const vector = new Float32Array(dimensions);
    let sum = 0;
    for (let slot = 0; slot < dimensions; slot++) {
      const value = random() * 2 - 1;
      vector[slot] = value;
      sum += value * value;
    }
    const length = Math.sqrt(sum);
    for (let slot = 0; slot < dimensions; slot++) vector[slot]! /= length;
    return vector;
  });
  return { texts, vectors };
}
