import { describe, expect, it } from 'vitest';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { ResponseFormatError } from '../errors/response-format-error.js';
import { BatchResults } from './batch-results.js';

const vector = (...values: number[]) => Float32Array.from(values);

describe('BatchResults', () => {
  it('stores each answer at its inputs’ positions, in the order the provider numbered them', () => {
    const results = new BatchResults(4, 0, 'p');
    const stored = results.accept(
      { start: 2, end: 4, tokens: 2, atomic: false },
      {
        embeddings: [
          { index: 1, vector: vector(4, 4) },
          { index: 0, vector: vector(3, 3) },
        ],
      },
    );
    expect(stored).toBe(2);
    expect(results.vectors[2]).toEqual(vector(3, 3));
    expect(results.vectors[3]).toEqual(vector(4, 4));
    expect(results.completed()).toEqual({ indices: [2, 3], vectors: [vector(3, 3), vector(4, 4)] });
  });

  it('learns the length from the first answer and holds later ones to it', () => {
    const results = new BatchResults(2, 0, 'p');
    results.accept(
      { start: 0, end: 1, tokens: 1, atomic: false },
      { embeddings: [{ index: 0, vector: vector(1, 2) }] },
    );
    expect(() =>
      results.accept(
        { start: 1, end: 2, tokens: 1, atomic: false },
        { embeddings: [{ index: 0, vector: vector(1, 2, 3) }] },
      ),
    ).toThrow(DimensionMismatchError);
    expect(results.completed().indices).toEqual([0]);
  });

  it('accepts a vector of the smallest non-zero float32 values, and negative zeros beside one', () => {
    const results = new BatchResults(2, 2, 'p');
    const tiny = vector(1.4e-45, 0);
    results.accept(
      { start: 0, end: 2, tokens: 2, atomic: false },
      {
        embeddings: [
          { index: 0, vector: tiny },
          { index: 1, vector: vector(-0, -1.4e-45) },
        ],
      },
    );
    expect(results.completed().indices).toEqual([0, 1]);
  });

  const unusable: [string, Float32Array, string][] = [
    ['NaN', vector(1, Number.NaN), 'returned NaN at position 1 of the vector for input 3'],
    ['Infinity', vector(Number.POSITIVE_INFINITY, 1), 'returned Infinity at position 0'],
    ['-Infinity', vector(1, Number.NEGATIVE_INFINITY), 'returned -Infinity at position 1'],
    ['all zeros', vector(0, 0), 'an all-zero vector for input 3'],
  ];
  for (const [name, bad, message] of unusable) {
    it(`refuses a vector holding ${name}, naming the caller's input index`, () => {
      const results = new BatchResults(4, 2, 'p', 'm');
      const error = (() => {
        try {
          results.accept(
            { start: 2, end: 4, tokens: 2, atomic: false },
            {
              embeddings: [
                { index: 0, vector: vector(1, 0) },
                { index: 1, vector: bad },
              ],
            },
          );
        } catch (caught) {
          return caught;
        }
      })();
      expect(ResponseFormatError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(message);
      expect(results.completed().indices).toEqual([]);
    });
  }

  it('names the model and both lengths when a vector has the wrong dimension', () => {
    const results = new BatchResults(3, 4, 'p', 'model-x');
    expect(() =>
      results.accept(
        { start: 1, end: 2, tokens: 1, atomic: false },
        { embeddings: [{ index: 0, vector: vector(1, 2, 3) }] },
      ),
    ).toThrow('p model model-x returned a vector of 3 dimensions for input 1; expected 4.');
  });
});
