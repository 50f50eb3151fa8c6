import { InvalidInputError } from '../errors/invalid-input-error.js';

const loneSurrogate = /\p{Cs}/u;

/**
 * Checks that `inputs` is an array of usable strings and says which one is not: a non-string, an
 * empty or whitespace-only string (unless `allowEmpty`), or a string with a lone UTF-16
 * surrogate (which JSON cannot carry faithfully and servers reject or mangle).
 */
export function validateTextInputs(
  inputs: unknown,
  allowEmpty = false,
): asserts inputs is string[] {
  if (!Array.isArray(inputs)) {
    throw new InvalidInputError({
      message: `Expected an array of strings, got ${describeValue(inputs)}. Wrap a single text in an array: ["text"].`,
    });
  }
  for (let index = 0; index < inputs.length; index++) {
    const input: unknown = inputs[index];
    if (typeof input !== 'string') {
      throw new InvalidInputError({
        message: `Input ${index} is ${describeValue(input)}, not a string.`,
        index,
      });
    }
    if (!allowEmpty && input.trim() === '') {
      throw new InvalidInputError({
        message: `Input ${index} is ${input === '' ? 'an empty string' : 'only whitespace'}; providers embed it as noise. Remove it, or pass { allowEmpty: true } if that is intended.`,
        index,
      });
    }
    if (loneSurrogate.test(input)) {
      throw new InvalidInputError({
        message: `Input ${index} contains a lone UTF-16 surrogate (broken text, often from cutting a string in the middle of an emoji); fix or drop it.`,
        index,
      });
    }
  }
}

/** A short description of a value's type for error messages, never its content. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'undefined';
  return `a ${typeof value}`;
}
