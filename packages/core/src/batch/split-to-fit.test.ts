import { describe, expect, it } from 'vitest';
import { splitToFit } from './split-to-fit.js';

const counts = [10, 10, 10, 10, 10, 10, 10, 10];
const batch = { start: 0, end: 8, tokens: 80, atomic: false };

describe('splitToFit', () => {
  it('splits off the longest prefix that fits the room', () => {
    expect(splitToFit(batch, 35, counts)).toEqual([
      { start: 0, end: 3, tokens: 30, atomic: false },
      { start: 3, end: 8, tokens: 50, atomic: false },
    ]);
  });

  it('does not split when the part that fits is too small to be worth a call', () => {
    expect(splitToFit(batch, 9, counts)).toBeUndefined();
    expect(splitToFit({ ...batch, end: 1, tokens: 10 }, 100, counts)).toBeUndefined();
  });

  it('never splits an atomic group', () => {
    expect(splitToFit({ ...batch, atomic: true }, 40, counts)).toBeUndefined();
  });

  it('always leaves at least one input for the second part', () => {
    const [first, rest] = splitToFit(batch, 1000, counts)!;
    expect([first.end, rest.start, rest.end]).toEqual([7, 7, 8]);
  });
});
