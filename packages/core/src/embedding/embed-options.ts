/** Progress of one embedding call, reported after each provider call completes. */
export interface EmbedProgress {
  /** Inputs whose vectors are known. */
  readonly done: number;
  /** Inputs in this embedding call. */
  readonly total: number;
  /** Tokens the provider reported (or that were estimated when it reports none) so far. */
  readonly tokens: number;
  /** Provider calls that completed so far. */
  readonly calls: number;
  /** Attempts that failed and were retried so far. */
  readonly retries: number;
}

/**
 * A failed provider attempt that is about to be retried. Reported as it happens, so a caller can
 * say "the provider did not answer in 60 s, retrying" at once instead of staying silent through
 * every retry and backoff of a provider that is down.
 */
export interface EmbedRetry {
  /** The attempt that failed, 1-based. */
  readonly attempt: number;
  /** Attempts the batch gets in all (retries + 1). */
  readonly maxAttempts: number;
  /** The wait before the next attempt (backoff, or the server's `Retry-After`). */
  readonly delayMs: number;
  /** Inputs in the failed batch. */
  readonly inputs: number;
  /** Why the attempt failed: a retryable core error (`TimeoutError`, `ApiCallError`, …). */
  readonly error: unknown;
}

/** Per-call options accepted by every encode method. */
export interface EmbedOptions {
  /** Cancels every in-flight provider call at once; the error carries the work that completed. */
  signal?: AbortSignal;
  /** Overrides the task the provider would send (e.g. `text-matching` for one call). */
  task?: string;
  /** Called after every completed provider call. */
  onProgress?: (progress: EmbedProgress) => void;
  /** Called when a failed attempt is to be retried, before the backoff wait. */
  onRetry?: (retry: EmbedRetry) => void;
  /** Extra HTTP headers for this call (tracing ids, proxy routing). */
  headers?: Record<string, string>;
  /** Allows empty strings, which are otherwise refused as a likely bug in the caller's data. */
  allowEmpty?: boolean;
}
