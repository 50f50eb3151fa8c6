import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';

export interface TimeoutErrorOptions {
  message: string;
  timeoutMs: number;
  cause?: unknown;
}

/** One attempt took longer than `timeoutMs`. Retryable: a stalled connection is usually transient. */
export class TimeoutError extends EmbedkitError {
  /** Identity for `isInstance`, declared so it survives minification (which renames classes). */
  static override readonly kind: string = 'TimeoutError';
  override readonly code: EmbedkitErrorCode = 'TIMEOUT';
  override readonly isRetryable: boolean = true;
  readonly timeoutMs: number;

  constructor(options: TimeoutErrorOptions) {
    super(options);
    this.timeoutMs = options.timeoutMs;
  }
}
