import { z } from 'zod';
import type { RetryPolicy } from '../batch/retry-policy.js';

/**
 * The one retry setting of every provider: `retry: { maxRetries, baseDelayMs, maxDelayMs,
 * maxRetryAfterMs }`, each optional (core's defaults: 6 retries, 500 ms doubling to 20 s, honour
 * `Retry-After` up to 60 s). JSON-only, so configs can hold it.
 */
export const retrySettings = z
  .object({
    /** Retries per batch after the first attempt, for retryable failures (429, 5xx, resets). */
    maxRetries: z.number().int().min(0).max(50).optional(),
    /** First backoff delay in milliseconds; it doubles per retry. */
    baseDelayMs: z.number().nonnegative().optional(),
    /** Largest backoff delay in milliseconds. */
    maxDelayMs: z.number().nonnegative().optional(),
    /** Largest server-requested wait (`Retry-After`) honoured, in milliseconds. */
    maxRetryAfterMs: z.number().nonnegative().optional(),
  })
  .strict();

/** What `retry` accepts. */
export type RetrySettings = z.input<typeof retrySettings>;

/**
 * Fields to spread into a provider's settings schema: `retry`, plus the deprecated top-level
 * `maxRetries` that earlier versions documented (same meaning as `retry.maxRetries`).
 */
export const retryFields = {
  retry: retrySettings.optional(),
  /** @deprecated Use `retry: { maxRetries }`. Kept so existing configs still load. */
  maxRetries: z.number().int().min(0).max(50).optional(),
};

/**
 * Folds the deprecated `maxRetries` into `retry` (one code path from here on): the policy for
 * `createEmbeddingFunction`, and the same object for `toConfig()`, or `undefined` when neither was
 * set. `retry.maxRetries` wins when both are given.
 */
export function resolveRetry(settings: {
  retry?: RetrySettings;
  maxRetries?: number;
}): Partial<RetryPolicy> | undefined {
  const folded: Partial<RetryPolicy> = {
    ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
  };
  for (const [key, value] of Object.entries(settings.retry ?? {})) {
    if (value !== undefined) folded[key as keyof RetryPolicy] = value;
  }
  return Object.keys(folded).length === 0 ? undefined : folded;
}
