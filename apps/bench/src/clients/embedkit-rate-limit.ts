import type { RateLimit } from '@embedkit/core';
import type { ServiceLimits } from '../simulator/service-limits.js';

/**
 * The `rateLimit` an embedkit user copies from the service's published limits. Its `marginMs` is
 * core's default translated into the bench's compressed time: by default a call stays counted
 * 1% of the window longer, but at least 250 ms for the network; compressed 12×, those 250 ms of
 * real delay are 21 ms, so the margin is 1% of the compressed window (50 ms for a 5-s minute),
 * as it would be on a real 60-s minute (600 ms).
 */
export function embedkitRateLimit(limits: ServiceLimits): RateLimit {
  return {
    requestsPerMinute: limits.requestsPerMinute,
    tokensPerMinute: limits.tokensPerMinute,
    windowMs: limits.minuteMs,
    marginMs: Math.max(limits.minuteMs / 100, 250 * limits.timeScale),
  };
}
