import { EmbedkitError } from './embedkit-error.js';

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
  override readonly code: string = 'EMBEDDING_SPACE_MISMATCH';
  readonly expected: unknown;
  readonly actual: unknown;

  constructor(options: EmbeddingSpaceMismatchErrorOptions) {
    super(options);
    this.expected = options.expected;
    this.actual = options.actual;
  }
}
