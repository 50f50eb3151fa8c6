import { ApiCallError, type ApiCallErrorOptions } from './api-call-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

/**
 * The API key is missing, malformed, invalid or not allowed to do this (401/403). Never retried:
 * the same key will fail again. The message names the environment variable to set, never the key.
 */
export class AuthenticationError extends ApiCallError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'AuthenticationError';
  override readonly code: EmbedkitErrorCode = 'AUTHENTICATION_FAILED';

  constructor(options: ApiCallErrorOptions) {
    super({ ...options, isRetryable: false });
  }
}
