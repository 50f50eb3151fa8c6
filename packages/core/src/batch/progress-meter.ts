import type { EmbedOptions, EmbedProgress } from '../embedding/embed-options.js';
import type { EmbedUsage } from '../embedding/embed-result.js';

/** Counts a run's usage (calls, tokens, retries, 429s) and reports progress as batches finish. */
export class ProgressMeter {
  /** The run's usage, returned with its vectors. */
  readonly usage: EmbedUsage = { tokens: 0, calls: 0, retries: 0, rateLimited: 0 };
  /** Inputs whose vectors have arrived. */
  done = 0;
  readonly #total: number;
  readonly #onProgress: EmbedOptions['onProgress'];

  constructor(total: number, onProgress: EmbedOptions['onProgress']) {
    this.#total = total;
    this.#onProgress = onProgress;
  }

  /** A call succeeded with `inputs` vectors, billed `tokens`. */
  recordCall(inputs: number, tokens: number): void {
    this.done += inputs;
    this.usage.calls++;
    this.usage.tokens += tokens;
  }

  /** A failed attempt is to be retried; `rateLimited` when the failure was a 429. */
  recordRetry(rateLimited: boolean): void {
    this.usage.retries++;
    if (rateLimited) this.usage.rateLimited++;
  }

  /** Tells the caller's `onProgress` where the run stands. */
  report(): void {
    const progress: EmbedProgress = {
      done: this.done,
      total: this.#total,
      tokens: this.usage.tokens,
      calls: this.usage.calls,
      retries: this.usage.retries,
    };
    this.#onProgress?.(progress);
  }
}
