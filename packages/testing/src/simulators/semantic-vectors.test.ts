import { describe, expect, it } from 'vitest';
import { matryoshka, semanticVector } from './semantic-vectors.js';

describe('matryoshka', () => {
  it('never truncates a short text to an all-zero vector', () => {
    // Short texts have few features; at 32 of 1536 slots some prefixes used to be all zero.
    const texts = Array.from({ length: 300 }, (_, index) => `Document ${index}.`);
    texts.push('Document y.', 'The first version of x.', 'The second version of x wins.');
    for (const text of texts) {
      const vector = matryoshka(semanticVector(text, 1536), 32);
      expect(vector.some((value) => value !== 0)).toBe(true);
    }
  });

  it('keeps the plain prefix when it has any value', () => {
    const full = new Float32Array([3, 4, 0, 9]);
    expect(Array.from(matryoshka(full, 2))).toEqual([0.6000000238418579, 0.800000011920929]);
  });
});
