import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

export interface ResponseFormatErrorOptions {
  message: string;
  provider: string;
  cause?: unknown;
}

/**
 * The provider answered 2xx with a body we cannot trust: not JSON, the wrong shape, the wrong
 * number of vectors, a missing or duplicate index, a vector of the wrong length. Never accepted
 * silently, since a misaligned vector corrupts a search index without any visible error.
 * Retryable, because truncated bodies and proxies returning HTML are usually transient.
 */
export class ResponseFormatError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'ResponseFormatError';
  override readonly code: EmbedkitErrorCode = 'INVALID_RESPONSE';
  override readonly isRetryable: boolean = true;
  readonly provider: string;

  constructor(options: ResponseFormatErrorOptions) {
    super(options);
    this.provider = options.provider;
  }
}
