/** How the batch runner retries a failed call. */
export interface RetryPolicy {
  /** Retries per batch after the first attempt. Default 6. */
  maxRetries: number;
  /** First backoff delay; it doubles per retry. Default 500 ms. */
  baseDelayMs: number;
  /** Largest backoff delay. Default 20 s. */
  maxDelayMs: number;
  /** Largest server-requested wait (`Retry-After`) honoured; longer requests are capped. Default 60 s. */
  maxRetryAfterMs: number;
}

/** Frozen: it is every run's default, so no caller can change it for the others. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
});

/**
 * The wait before retry number `attempt` (1-based): exponential backoff with jitter between half
 * and the full delay, or the server's requested wait when that is longer, capped either way.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exponential * (0.5 + random() / 2);
  if (retryAfterMs === undefined) return jittered;
  return Math.min(policy.maxRetryAfterMs, Math.max(retryAfterMs, jittered));
}
