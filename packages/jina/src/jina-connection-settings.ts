import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import { z } from 'zod';

/** Jina's API root. */
export const jinaDefaultBaseURL = 'https://api.jina.ai/v1';

/**
 * How to reach the API and how hard to try: the fields `createJina` and `createJinaReranker`
 * share, spread into both settings schemas. JSON only and secret-free (the key and a dispatcher
 * go in the factory's second argument), so the schema is also the registry's config schema.
 */
export const jinaConnectionFields = {
  /** Environment variable holding the key, checked before `JINA_API_KEY` and `JINAAI_API_KEY`. */
  apiKeyEnv: apiKeyEnvSetting.optional(),
  /** API root, e.g. a proxy or the simulator. */
  baseURL: z.url().default(jinaDefaultBaseURL),
  /**
   * Retries per request for retryable failures (429, 5xx, resets, timeouts) and backoff:
   * `{ maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs }`. Default 6 retries. The
   * deprecated top-level `maxRetries` means `retry.maxRetries`.
   */
  ...retryFields,
  /** Per-attempt timeout in milliseconds. Default 60 000. */
  timeoutMs: z.number().int().positive().optional(),
  /**
   * Your key's published limits, to pace requests under them instead of meeting 429s. Free tier:
   * `{ requestsPerMinute: 500, tokensPerMinute: 1_000_000 }`; paid tier 1: 500 and 10,000,000;
   * tier 2: 5,000 and 100,000,000. Jina counts them per key, so all calls of one function share
   * one budget (a reranker has its own).
   */
  rateLimit: rateLimitSettings.optional(),
};
