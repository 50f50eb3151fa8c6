import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { BatchTask } from './batch-queue.js';
import { defaultRetryPolicy } from './retry-policy.js';
import { scheduleRetry } from './schedule-retry.js';

const policy = { ...defaultRetryPolicy, maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1_000 };
const fresh = (): BatchTask => ({
  batch: { start: 0, end: 1, tokens: 1, atomic: false },
  attempts: 0,
  readyAt: 0,
});

describe('scheduleRetry', () => {
  it('counts the attempt and sets when a retryable failure may go again', () => {
    const task = fresh();
    const before = Date.now();
    const outcome = scheduleRetry(
      task,
      new ApiCallError({ provider: 'p', message: 'x' }),
      policy,
      () => 1,
    );
    expect(outcome).toEqual({ rateLimited: false });
    expect(task.attempts).toBe(1);
    expect(task.readyAt).toBeGreaterThanOrEqual(before + 100);
  });

  it('honours a 429’s requested wait and says it was rate limited', () => {
    const task = fresh();
    const before = Date.now();
    const limited = new RateLimitError({ provider: 'p', message: 'x', retryAfterMs: 800 });
    expect(scheduleRetry(task, limited, policy, () => 0)).toEqual({ rateLimited: true });
    expect(task.readyAt).toBeGreaterThanOrEqual(before + 800);
  });

  it('rethrows a failure that is not retryable, or once the retries ran out', () => {
    const refused = new ApiCallError({ provider: 'p', message: 'x', status: 400 });
    expect(() => scheduleRetry(fresh(), refused, policy, Math.random)).toThrow(refused);
    const bug = new TypeError('x is undefined');
    expect(() => scheduleRetry(fresh(), bug, policy, Math.random)).toThrow(bug);
    const spent = { ...fresh(), attempts: 2 };
    const failure = new ApiCallError({ provider: 'p', message: 'x' });
    expect(() => scheduleRetry(spent, failure, policy, Math.random)).toThrow(failure);
    expect(spent.attempts).toBe(2);
  });
});
