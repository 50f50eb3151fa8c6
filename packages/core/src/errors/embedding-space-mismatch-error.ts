import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

export interface EmbeddingSpaceMismatchErrorOptions {
  message: string;
  expected: unknown;
  actual: unknown;
  cause?: unknown;
}

/**
 * Two embedding spaces were mixed: a collection built with one model searched or filled with
 * another, or a failover between functions that do not produce comparable vectors. Mixing spaces
 * ruins search silently, so it is refused loudly.
 */
export class EmbeddingSpaceMismatchError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'EmbeddingSpaceMismatchError';
  override readonly code: EmbedkitErrorCode = 'EMBEDDING_SPACE_MISMATCH';
  readonly expected: unknown;
  readonly actual: unknown;

  constructor(options: EmbeddingSpaceMismatchErrorOptions) {
    super(options);
    this.expected = options.expected;
    this.actual = options.actual;
  }
}
