import type { RecordedRequest } from '@embedkit/testing';

/** Short backoff so retry tests stay fast; `Retry-After` is still honoured up to 3 s. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 10, maxRetryAfterMs: 3_000 };

/** The `/embed` bodies the simulator received, in order. */
export function embedBodies(log: readonly RecordedRequest[]): Record<string, unknown>[] {
  return log
    .filter((entry) => entry.path === '/embed')
    .map((entry) => entry.body as Record<string, unknown>);
}

/** `count` distinct short texts. */
export function texts(count: number, prefix = 'passage'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} number ${index} about vectors`);
}
