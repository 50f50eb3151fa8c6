import { describe, expect, it } from 'vitest';
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
    ).toThrow(ResponseFormatError);
    expect(results.completed().indices).toEqual([0]);
  });
});
