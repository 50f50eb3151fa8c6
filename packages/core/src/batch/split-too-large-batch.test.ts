import { describe, expect, it } from 'vitest';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { splitTooLargeBatch } from './split-too-large-batch.js';

const counts = [5, 10, 20, 40, 80];
const refused = new BatchTooLargeError({ provider: 'p', status: 413, message: 'too many tokens' });

describe('splitTooLargeBatch', () => {
  it('halves a batch, each half with its tokens, its attempts and ready at once', () => {
    const task = {
      batch: { start: 0, end: 5, tokens: 155, atomic: false },
      attempts: 1,
      readyAt: 9,
    };
    expect(splitTooLargeBatch(task, refused, 'p', counts)).toEqual([
      { batch: { start: 0, end: 2, tokens: 15, atomic: false }, attempts: 1, readyAt: 0 },
      { batch: { start: 2, end: 5, tokens: 140, atomic: false }, attempts: 1, readyAt: 0 },
    ]);
  });

  it('names the input, or the atomic group, that no split can fix', () => {
    const single = {
      batch: { start: 3, end: 4, tokens: 40, atomic: false },
      attempts: 0,
      readyAt: 0,
    };
    const alone = (() => {
      try {
        splitTooLargeBatch(single, refused, 'p', counts);
      } catch (error) {
        return error;
      }
    })();
    expect(InvalidInputError.isInstance(alone)).toBe(true);
    expect((alone as InvalidInputError).index).toBe(3);
    expect((alone as InvalidInputError).message).toContain('Input 3 is too long for p');
    expect((alone as InvalidInputError).cause).toBe(refused);
    const group = {
      batch: { start: 1, end: 4, tokens: 70, atomic: true },
      attempts: 0,
      readyAt: 0,
    };
    expect(() => splitTooLargeBatch(group, refused, 'p', counts)).toThrow(
      'The group of inputs 1..3 is too large for one p call',
    );
  });
});
