import { EmbedkitError } from './embedkit-error.js';

export interface TimeoutErrorOptions {
  message: string;
  timeoutMs: number;
  cause?: unknown;
}

/** One attempt took longer than `timeoutMs`. Retryable: a stalled connection is usually transient. */
export class TimeoutError extends EmbedkitError {
  override readonly code: string = 'TIMEOUT';
  override readonly isRetryable: boolean = true;
  readonly timeoutMs: number;

  constructor(options: TimeoutErrorOptions) {
    super(options);
    this.timeoutMs = options.timeoutMs;
  }
}
