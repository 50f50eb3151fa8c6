import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

export interface DimensionMismatchErrorOptions {
  message: string;
  expected: number;
  actual: number;
  cause?: unknown;
}

/**
 * Vectors of one length met a place built for another: a collection created for 1024 dimensions
 * opened with a 768-dimension function, or a query vector of the wrong size.
 */
export class DimensionMismatchError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'DimensionMismatchError';
  override readonly code: EmbedkitErrorCode = 'DIMENSION_MISMATCH';
  readonly expected: number;
  readonly actual: number;

  constructor(options: DimensionMismatchErrorOptions) {
    super(options);
    this.expected = options.expected;
    this.actual = options.actual;
  }
}
