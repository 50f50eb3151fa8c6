import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import { z } from 'zod';
import { geminiQueryTaskTypes, geminiTaskTypes } from './gemini-models.js';

/** The Gemini API root. */
export const geminiDefaultBaseURL = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * Settings of `createGemini`, and the registry's config schema: JSON only, no secret (the key and
 * a dispatcher go in the second argument). Unknown keys are refused, so a typo fails loudly.
 * Settings are also checked against a known model (task types, dimension range) before any call.
 */
export const geminiSettings = z
  .object({
    /** Model id (`gemini-embedding-001`, `text-embedding-004`, or any other; `models/` optional). */
    model: z.string().min(1).default('gemini-embedding-001'),
    /** Task type of `embed()`. Default `RETRIEVAL_DOCUMENT`, the same as `encodeDocuments`. */
    taskType: z.enum(geminiTaskTypes).optional(),
    /**
     * Task type of `encodeQueries`: `RETRIEVAL_QUERY` (default), `CODE_RETRIEVAL_QUERY` for code
     * search, `QUESTION_ANSWERING` or `FACT_VERIFICATION`. Documents stay `RETRIEVAL_DOCUMENT`.
     */
    queryTaskType: z.enum(geminiQueryTaskTypes).optional(),
    /** Matryoshka output length, sent as `outputDimensionality` (gemini-embedding-001: 128–3072). */
    dimensions: z.number().int().positive().optional(),
    /**
     * L2-normalise vectors shorter than the model's full size, which the API returns unnormalised
     * (the guide says to normalise them). Default true; the full size is normalised already.
     */
    normalize: z.boolean().default(true),
    /** Environment variable holding the key, read before `GEMINI_API_KEY` and `GOOGLE_API_KEY`. */
    apiKeyEnv: apiKeyEnvSetting.optional(),
    /** API root, e.g. a proxy or the simulator. */
    baseURL: z.url({ protocol: /^https?$/ }).default(geminiDefaultBaseURL),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(64).optional(),
    /** Per-attempt timeout in milliseconds. Default 60 000. */
    timeoutMs: z.number().int().positive().optional(),
    /**
     * Retries for retryable failures (429, 5xx, resets, timeouts) and backoff: `{ maxRetries,
     * baseDelayMs, maxDelayMs, maxRetryAfterMs }`; a 429's `RetryInfo` delay is honoured up to
     * `maxRetryAfterMs`. The deprecated top-level `maxRetries` means `retry.maxRetries`.
     */
    ...retryFields,
    /**
     * Your project's published limits for the model (requests and tokens per minute on the
     * rate-limits page), to pace requests under them instead of meeting 429s.
     */
    rateLimit: rateLimitSettings.optional(),
  })
  .strict();

/** What `createGemini` accepts. */
export type GeminiSettings = z.input<typeof geminiSettings>;
/** Settings after defaults. */
export type ResolvedGeminiSettings = z.output<typeof geminiSettings>;
