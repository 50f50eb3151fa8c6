import { ApiCallError, type ApiCallErrorOptions } from './api-call-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

/**
 * The provider answered 429. Retryable: the batch runner waits (honouring `Retry-After`), lowers
 * its concurrency and tries again; this error surfaces only when retries ran out.
 */
export class RateLimitError extends ApiCallError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'RateLimitError';
  override readonly code: EmbedkitErrorCode = 'RATE_LIMITED';

  constructor(options: Omit<ApiCallErrorOptions, 'status'> & { status?: number }) {
    super({ status: 429, ...options, isRetryable: options.isRetryable ?? true });
  }
}
