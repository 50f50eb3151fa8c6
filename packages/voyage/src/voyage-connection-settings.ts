import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import { z } from 'zod';

/** Voyage's API root. */
export const voyageDefaultBaseURL = 'https://api.voyageai.com/v1';

/**
 * How to reach the API and how hard to try: JSON only and secret-free (the key and a dispatcher go
 * in the factory's second argument). Kept apart from the embedding settings so the reranker that
 * will share this client can spread the same fields.
 */
export const voyageConnectionFields = {
  /** Environment variable holding the key, read before `VOYAGE_API_KEY` and `VOYAGEAI_API_KEY`. */
  apiKeyEnv: apiKeyEnvSetting.optional(),
  /** API root, e.g. `https://ai.mongodb.com/v1` (Atlas), a proxy or the simulator. */
  baseURL: z.url().default(voyageDefaultBaseURL),
  /** Retries per request for retryable failures (429, 5xx, resets, timeouts) and backoff. */
  ...retryFields,
  /** Per-attempt timeout in milliseconds. Default 60 000. */
  timeoutMs: z.number().int().positive().optional(),
  /**
   * Your organisation's limits for the model (tier 1, voyage-4 on Atlas: `{ requestsPerMinute:
   * 2000, tokensPerMinute: 8_000_000 }`; tiers 2 and 3 double and triple them), to pace requests
   * under them instead of meeting 429s.
   */
  rateLimit: rateLimitSettings.optional(),
};
