import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from './retry-policy.js';

const policy: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 5_000,
};

describe('retryDelay', () => {
  it('doubles per attempt, with jitter between half and the full delay', () => {
    expect([1, 2, 3].map((attempt) => retryDelay(policy, attempt, undefined, () => 1))).toEqual([
      100, 200, 400,
    ]);
    expect([1, 2, 3].map((attempt) => retryDelay(policy, attempt, undefined, () => 0))).toEqual([
      50, 100, 200,
    ]);
  });

  it('never exceeds maxDelayMs', () => {
    expect(retryDelay(policy, 20, undefined, () => 1)).toBe(1_000);
  });

  it('waits at least what the server asked, up to maxRetryAfterMs', () => {
    expect(retryDelay(policy, 1, 3_000, () => 1)).toBe(3_000);
    expect(retryDelay(policy, 1, 3_600_000, () => 1)).toBe(5_000);
    // A server asking for less than the backoff does not make us hammer it.
    expect(retryDelay(policy, 3, 0, () => 1)).toBe(400);
  });

  it('has defaults a caller can rely on', () => {
    expect(defaultRetryPolicy).toEqual({
      maxRetries: 6,
      baseDelayMs: 500,
      maxDelayMs: 20_000,
      maxRetryAfterMs: 60_000,
    });
  });
});
