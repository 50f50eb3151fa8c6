import { rateLimitSettings } from '@embedkit/core';
import type { Dispatcher } from 'undici';
import { z } from 'zod';

/** Jina's API root. */
export const jinaDefaultBaseURL = 'https://api.jina.ai/v1';

/**
 * How to reach the API and how hard to try: the fields `createJina` and `createJinaReranker`
 * share, spread into both settings schemas.
 */
export const jinaConnectionFields = {
  /** The API key. Read from the environment at the first call when absent. Never stored. */
  apiKey: z.string().min(1).optional(),
  /** Environment variable holding the key, checked before `JINA_API_KEY` and `JINAAI_API_KEY`. */
  apiKeyEnv: z.string().min(1).optional(),
  /** API root, e.g. a proxy or the simulator. */
  baseURL: z.url().default(jinaDefaultBaseURL),
  /** An undici dispatcher (proxy agent, custom pool); a shared keep-alive pool otherwise. */
  dispatcher: z
    .custom<Dispatcher>((value) => typeof value === 'object' && value !== null)
    .optional(),
  /** Retries per request for retryable failures (429, 5xx, resets, timeouts). Default 6. */
  maxRetries: z.number().int().min(0).max(50).optional(),
  /** Per-attempt timeout in milliseconds. Default 60 000. */
  timeoutMs: z.number().int().positive().optional(),
  /** Backoff tuning: first delay, largest delay, largest honoured `Retry-After` (ms). */
  retry: z
    .object({
      baseDelayMs: z.number().nonnegative().optional(),
      maxDelayMs: z.number().nonnegative().optional(),
      maxRetryAfterMs: z.number().nonnegative().optional(),
    })
    .strict()
    .optional(),
  /**
   * Your key's published limits, to pace requests under them instead of meeting 429s. Free tier:
   * `{ requestsPerMinute: 500, tokensPerMinute: 1_000_000 }`; paid tier 1: 500 and 10,000,000;
   * tier 2: 5,000 and 100,000,000. Jina counts them per key, so all calls of one function share
   * one budget (a reranker has its own).
   */
  rateLimit: rateLimitSettings.optional(),
};
