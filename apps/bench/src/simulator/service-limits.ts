/**
 * A simulated service's published limits, as a client is given them: what a user copies from
 * the provider's pricing page into their client's settings. Times are in the benchmark's
 * compressed milliseconds (`minuteMs` is how long the rate-limit "minute" lasts).
 */
export interface ServiceLimits {
  readonly requestsPerMinute: number;
  readonly tokensPerMinute: number;
  readonly concurrentRequests: number;
  readonly minuteMs: number;
  readonly maxInputsPerRequest: number;
  /** Simulated time over real time (1/6: six times faster); clients scale their backoff by it. */
  readonly timeScale: number;
}
