import { describe, expect, it } from 'vitest';
import { sliceBatch } from './slice-batch.js';

const counts = [10, 10, 10, 10, 10, 10, 10, 10];
const batch = { start: 0, end: 8, tokens: 80, atomic: false };

describe('sliceBatch', () => {
  it('slices keep their estimated tokens', () => {
    expect(sliceBatch(batch, 2, 5, counts)).toEqual({
      start: 2,
      end: 5,
      tokens: 30,
      atomic: false,
    });
  });
});
