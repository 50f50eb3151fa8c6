import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { norm } from './normalize.js';
import { truncateDimensions } from './truncate-dimensions.js';

describe('truncateDimensions', () => {
  it('keeps the leading values and renormalises, leaving the input untouched', () => {
    const vector = new Float32Array([0.3, 0.4, 0.5, 0.1]);
    const original = Array.from(vector);
    const truncated = truncateDimensions(new Float32Array([3, 4, 12]), 2);
    expect(Array.from(truncated)).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(norm(truncateDimensions(vector, 3))).toBeCloseTo(1, 6);
    expect(Array.from(vector)).toEqual(original);
  });

  it('refuses sizes outside 1..length', () => {
    for (const size of [0, 4, 1.5, Number.NaN]) {
      expect(() => truncateDimensions(new Float32Array(3), size)).toThrow(InvalidInputError);
    }
    expect(() => truncateDimensions(new Float32Array(3), 4)).toThrow(/choose 1\.\.3/);
  });
});
