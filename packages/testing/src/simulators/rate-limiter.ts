/**
 * Per-key style limits as API services enforce them: requests per window, tokens per window and
 * concurrent requests, whichever is hit first. Windows slide (the last `windowMs` of history), so
 * a burst is refused until old entries age out, as real limiters do.
 */
export interface RateLimiterOptions {
  /** Requests allowed per window. Unlimited when absent. */
  readonly requestsPerWindow?: number;
  /** Tokens allowed per window (billed tokens of accepted requests). Unlimited when absent. */
  readonly tokensPerWindow?: number;
  /** Requests allowed in flight at once. Unlimited when absent. */
  readonly concurrentRequests?: number;
  /** Window length; 60 000 ms models "per minute". Tests use short windows. Default 60 000. */
  readonly windowMs?: number;
  /** Clock, injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** Which limit refused a request, and how long until it would be accepted. */
export interface RateLimitRejection {
  readonly limit: 'requests' | 'tokens' | 'concurrency';
  /** Milliseconds until the limit frees up (a short fixed guess for concurrency). */
  readonly retryAfterMs: number;
}

/** An accepted request; call `release()` when its response has been sent. */
export interface RateLimitPermit {
  release(): void;
}

export interface RateLimiter {
  /** Admits a request of `tokens` tokens, or says which limit refused it. */
  acquire(tokens: number): { permit: RateLimitPermit } | { rejection: RateLimitRejection };
  /** Requests currently holding a permit. */
  readonly inFlight: number;
  /**
   * What is left in the current window, for `X-RateLimit-Remaining-*` style headers;
   * `undefined` for a limit that is not set.
   */
  remaining(): { requests?: number; tokens?: number };
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const history: { at: number; tokens: number }[] = [];
  let inFlight = 0;

  const prune = (time: number) => {
    while (history.length > 0 && history[0]!.at <= time - windowMs) history.shift();
  };
  const waitUntilFree = (time: number, enough: (entries: typeof history) => boolean) => {
    for (let dropped = 1; dropped <= history.length; dropped++) {
      if (enough(history.slice(dropped)))
        return Math.max(1, history[dropped - 1]!.at + windowMs - time);
    }
    return windowMs;
  };

  return {
    get inFlight() {
      return inFlight;
    },
    remaining() {
      prune(now());
      const used = history.reduce((total, entry) => total + entry.tokens, 0);
      return {
        requests:
          options.requestsPerWindow === undefined
            ? undefined
            : Math.max(0, options.requestsPerWindow - history.length),
        tokens:
          options.tokensPerWindow === undefined
            ? undefined
            : Math.max(0, options.tokensPerWindow - used),
      };
    },
    acquire(tokens) {
      const time = now();
      prune(time);
      if (options.concurrentRequests !== undefined && inFlight >= options.concurrentRequests) {
        return { rejection: { limit: 'concurrency', retryAfterMs: Math.min(1000, windowMs / 10) } };
      }
      const requestLimit = options.requestsPerWindow;
      if (requestLimit !== undefined && history.length + 1 > requestLimit) {
        const retryAfterMs = waitUntilFree(time, (rest) => rest.length + 1 <= requestLimit);
        return { rejection: { limit: 'requests', retryAfterMs } };
      }
      const tokenLimit = options.tokensPerWindow;
      const sum = (entries: typeof history) =>
        entries.reduce((total, entry) => total + entry.tokens, 0);
      if (tokenLimit !== undefined && sum(history) + tokens > tokenLimit) {
        const retryAfterMs = waitUntilFree(time, (rest) => sum(rest) + tokens <= tokenLimit);
        return { rejection: { limit: 'tokens', retryAfterMs } };
      }
      history.push({ at: time, tokens });
      inFlight++;
      let released = false;
      return {
        permit: {
          release() {
            if (released) return;
            released = true;
            inFlight--;
          },
        },
      };
    },
  };
}

/**
 * The `Retry-After` header for a rejection, in whole seconds (rounded up, at least 1) as HTTP
 * defines it, or in milliseconds as `retry-after-ms` (the OpenAI style) when `style` says so.
 * Returns no headers for `style: 'none'`, for testing clients against services that omit it.
 */
export function retryAfterHeaders(
  rejection: RateLimitRejection,
  style: 'seconds' | 'milliseconds' | 'none' = 'seconds',
): Record<string, string> {
  if (style === 'none') return {};
  if (style === 'milliseconds')
    return { 'retry-after-ms': String(Math.ceil(rejection.retryAfterMs)) };
  return { 'retry-after': String(Math.max(1, Math.ceil(rejection.retryAfterMs / 1000))) };
}
