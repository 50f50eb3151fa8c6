import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { validateTextInputs } from './validate-text-inputs.js';

const refusal = (inputs: unknown, allowEmpty?: boolean) => {
  try {
    validateTextInputs(inputs, allowEmpty);
  } catch (error) {
    expect(InvalidInputError.isInstance(error)).toBe(true);
    return error as InvalidInputError;
  }
  return undefined;
};

describe('validateTextInputs', () => {
  it('accepts arrays of non-empty strings, including the empty array', () => {
    expect(refusal([])).toBeUndefined();
    expect(refusal(['a', ' b '])).toBeUndefined();
  });

  it('refuses a non-array, suggesting how to wrap one text', () => {
    for (const value of ['text', undefined, null, { 0: 'a' }, 3]) {
      const error = refusal(value)!;
      expect(error.index).toBeUndefined();
      expect(error.message).toContain('Wrap a single text in an array');
    }
  });

  it('names the index of a non-string, without echoing its content', () => {
    const error = refusal(['a', { secret: 'hunter2' }])!;
    expect(error.index).toBe(1);
    expect(error.message).toBe('Input 1 is an object, not a string.');
    expect(refusal(['a', 'b', null])!.message).toContain('Input 2 is null');
  });

  it('refuses empty and whitespace-only strings unless allowed', () => {
    expect(refusal(['a', ''])!.message).toContain('Input 1 is an empty string');
    expect(refusal(['\t\n '])!.message).toContain('Input 0 is only whitespace');
    expect(refusal(['', ' '], true)).toBeUndefined();
  });

  it('refuses a lone surrogate (text cut through an emoji)', () => {
    expect(refusal(['ok', 'broken \ud83d'])!.index).toBe(1);
    expect(refusal(['🙂 fine'])).toBeUndefined();
  });
});
