import { describe, expect, it } from 'vitest';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { cosineSimilarity, dot, squaredEuclideanDistance } from './similarity.js';

describe('similarity', () => {
  it('computes dot, cosine and squared distance for any vector shape', () => {
    const left = new Float32Array([1, 2, 3]);
    const right = [4, 5, 6];
    expect(dot(left, right)).toBe(32);
    expect(cosineSimilarity(left, right)).toBeCloseTo(32 / Math.sqrt(14 * 77), 6);
    expect(squaredEuclideanDistance(left, new Float64Array([1, 0, 0]))).toBe(13);
  });

  it('gives cosine 1 for the same direction, -1 for opposite, 0 with a zero vector', () => {
    expect(cosineSimilarity([1, 1], [3, 3])).toBeCloseTo(1, 6);
    expect(cosineSimilarity([1, 0], [-2, 0])).toBeCloseTo(-1, 6);
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => dot([1, 2], [1, 2, 3])).toThrow(DimensionMismatchError);
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(
      /2-dimension vector with a 3-dimension/,
    );
    expect(() => squaredEuclideanDistance([1], [])).toThrow(DimensionMismatchError);
  });
});
