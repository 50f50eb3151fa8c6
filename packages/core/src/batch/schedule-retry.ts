import { EmbedkitError } from '../errors/embedkit-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { BatchTask } from './batch-queue.js';
import { type RetryPolicy, retryDelay } from './retry-policy.js';

/**
 * Decides whether a failed task is tried again. For a retryable failure with retries left it
 * counts the attempt and sets when the task may go again (backoff with jitter, or the server's
 * `Retry-After` when longer), and returns whether the failure was a 429 (which pauses and narrows
 * the pool). Otherwise it rethrows `error`: the failure is final.
 */
export function scheduleRetry(
  task: BatchTask,
  error: unknown,
  policy: RetryPolicy,
  random: () => number,
): { rateLimited: boolean } {
  const retryable = EmbedkitError.isInstance(error) && error.isRetryable;
  if (!retryable || task.attempts >= policy.maxRetries) throw error;
  task.attempts++;
  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
  task.readyAt = Date.now() + retryDelay(policy, task.attempts, retryAfterMs, random);
  return { rateLimited: RateLimitError.isInstance(error) };
}
