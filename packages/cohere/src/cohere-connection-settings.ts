import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import { z } from 'zod';

/** Cohere's API root (the embed endpoint is `/v2/embed` under it). */
export const cohereDefaultBaseURL = 'https://api.cohere.com';

/**
 * How to reach the API and how hard to try: JSON only and secret-free (the key and a dispatcher go
 * in the factory's second argument). Kept apart from the embedding settings so the reranker that
 * will share this client can spread the same fields.
 */
export const cohereConnectionFields = {
  /** Environment variable holding the key, read before `COHERE_API_KEY` and `CO_API_KEY`. */
  apiKeyEnv: apiKeyEnvSetting.optional(),
  /** API root without `/v2`, e.g. a proxy or the simulator. */
  baseURL: z.url().default(cohereDefaultBaseURL),
  /** Retries per request for retryable failures (429, 5xx, resets, timeouts) and backoff. */
  ...retryFields,
  /** Per-attempt timeout in milliseconds. Default 60 000. */
  timeoutMs: z.number().int().positive().optional(),
  /**
   * Your key's limits, to pace requests under them instead of meeting 429s. Cohere limits Embed by
   * inputs per minute (2,000 for trial and production keys); with 96 inputs per request that is
   * about `{ requestsPerMinute: 20 }` for full batches.
   */
  rateLimit: rateLimitSettings.optional(),
};
