import type { RetryPolicy } from '@embedkit/core';
import type { RecordedRequest } from '@embedkit/testing';

/** Short backoff so retry tests stay fast; `Retry-After` is still honoured up to 2 s. */
export const fastRetry: Partial<RetryPolicy> = {
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 2_000,
};

/** The JSON bodies the simulator received, in order. */
export function sentBodies(log: readonly RecordedRequest[]): Record<string, unknown>[] {
  return log.map((entry) => entry.body as Record<string, unknown>);
}

/** `count` distinct short texts. */
export function texts(count: number, prefix = 'text'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} number ${index}`);
}
