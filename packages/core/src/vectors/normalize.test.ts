import { describe, expect, it } from 'vitest';
import { norm, normalize } from './normalize.js';

describe('normalize', () => {
  it('scales to unit length in place and returns the same vector', () => {
    const vector = new Float32Array([3, 4]);
    const result = normalize(vector);
    expect(result).toBe(vector);
    expect(Array.from(vector)).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(norm(vector)).toBeCloseTo(1, 6);
    expect(normalize([0, 5])).toEqual([0, 1]);
  });

  it('leaves a zero vector zero instead of producing NaN', () => {
    expect(Array.from(normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});
