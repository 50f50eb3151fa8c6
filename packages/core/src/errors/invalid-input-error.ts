import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

export interface InvalidInputErrorOptions {
  message: string;
  /** Index of the offending input in the caller's array, when one input is at fault. */
  index?: number;
  cause?: unknown;
}

/**
 * The caller's input cannot be embedded as given: not an array, a non-string element, an empty
 * string, an input longer than the model takes. Never retried; fix the input.
 */
export class InvalidInputError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'InvalidInputError';
  override readonly code: EmbedkitErrorCode = 'INVALID_INPUT';
  readonly index: number | undefined;

  constructor(options: InvalidInputErrorOptions) {
    super(options);
    this.index = options.index;
  }
}
