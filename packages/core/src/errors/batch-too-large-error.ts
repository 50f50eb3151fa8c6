import { ApiCallError, type ApiCallErrorOptions } from './api-call-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

/**
 * The server refused a batch as too large (too many tokens or inputs) even though it fit the
 * configured budgets. The batch runner splits such a batch in half and sends the halves; a single
 * input that is still refused becomes an `InvalidInputError` naming it.
 */
export class BatchTooLargeError extends ApiCallError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'BatchTooLargeError';
  override readonly code: EmbedkitErrorCode = 'BATCH_TOO_LARGE';

  constructor(options: ApiCallErrorOptions) {
    super({ ...options, isRetryable: false });
  }
}
