import { ApiCallError, type ApiCallErrorOptions } from './api-call-error.js';

/**
 * The provider answered 429. Retryable: the batch runner waits (honouring `Retry-After`), lowers
 * its concurrency and tries again; this error surfaces only when retries ran out.
 */
export class RateLimitError extends ApiCallError {
  override readonly code: string = 'RATE_LIMITED';

  constructor(options: Omit<ApiCallErrorOptions, 'status'> & { status?: number }) {
    super({ status: 429, ...options, isRetryable: options.isRetryable ?? true });
  }
}
