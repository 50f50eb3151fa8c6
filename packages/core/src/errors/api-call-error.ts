import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

export interface ApiCallErrorOptions {
  message: string;
  provider: string;
  /** HTTP status, absent when no response arrived (connection reset, DNS failure). */
  status?: number;
  /** The provider's own error code, e.g. `INPUT_MODEL_NOT_FOUND`. */
  providerCode?: string;
  requestId?: string;
  /** A short excerpt of the response body, already stripped of secrets. */
  bodyExcerpt?: string;
  /** How long the server asked us to wait before retrying, in milliseconds. */
  retryAfterMs?: number;
  isRetryable?: boolean;
  cause?: unknown;
}

/** Statuses worth retrying: timeouts, conflicts, rate limits and server faults. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * A provider's HTTP API answered with an error, or the connection failed before it answered.
 * Carries the status, the provider's code and request id so a support ticket can be filed.
 */
export class ApiCallError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'ApiCallError';
  override readonly code: EmbedkitErrorCode = 'API_CALL_FAILED';
  override readonly isRetryable: boolean;
  readonly provider: string;
  readonly status: number | undefined;
  readonly providerCode: string | undefined;
  readonly requestId: string | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(options: ApiCallErrorOptions) {
    super(options);
    this.provider = options.provider;
    this.status = options.status;
    this.providerCode = options.providerCode;
    this.requestId = options.requestId;
    this.bodyExcerpt = options.bodyExcerpt;
    this.retryAfterMs = options.retryAfterMs;
    this.isRetryable =
      options.isRetryable ??
      (options.status === undefined ? true : isRetryableStatus(options.status));
  }
}
