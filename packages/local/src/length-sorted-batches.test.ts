import { describe, expect, it } from 'vitest';
import { lengthSortedBatches } from './length-sorted-batches.js';

describe('lengthSortedBatches', () => {
  it('groups similar lengths so each batch pads only to its own longest input', () => {
    const batches = lengthSortedBatches([50, 3, 48, 4, 5, 49], 3);
    expect(batches).toEqual([
      { positions: [1, 3, 4], paddedLength: 5 },
      { positions: [2, 5, 0], paddedLength: 50 },
    ]);
  });

  it('covers every position exactly once, ties in input order, last batch short', () => {
    const lengths = [7, 7, 2, 7, 2, 9, 1];
    const batches = lengthSortedBatches(lengths, 4);
    expect(batches.map((batch) => batch.positions.length)).toEqual([4, 3]);
    expect(batches.flatMap((batch) => batch.positions)).toEqual([6, 2, 4, 0, 1, 3, 5]);
  });

  it('returns no batch for no input', () => {
    expect(lengthSortedBatches([], 8)).toEqual([]);
  });
});
