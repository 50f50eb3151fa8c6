import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import { z } from 'zod';

/** Mistral's API root. */
export const mistralDefaultBaseURL = 'https://api.mistral.ai/v1';

/**
 * Settings of `createMistral`, and the registry's config schema: JSON only, no secret (the key and
 * a dispatcher go in the second argument). Unknown keys are refused; settings are also checked
 * against a known model (mistral-embed takes no `dimensions`) before any call.
 */
export const mistralSettings = z
  .object({
    /** Model id: `mistral-embed` (1024, fixed) or `codestral-embed` (1536, up to 3072), or any other. */
    model: z.string().min(1).default('mistral-embed'),
    /** Output length, sent as `output_dimension` (codestral-embed: 1–3072). */
    dimensions: z.number().int().positive().optional(),
    /** Wire format of float vectors: `base64` (default, a quarter of the bytes) or `float`. */
    encodingFormat: z.enum(['base64', 'float']).default('base64'),
    /** Environment variable holding the key, read before `MISTRAL_API_KEY` and `MISTRALAI_API_KEY`. */
    apiKeyEnv: apiKeyEnvSetting.optional(),
    /** API root, e.g. a proxy or the simulator. */
    baseURL: z.url({ protocol: /^https?$/ }).default(mistralDefaultBaseURL),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(64).optional(),
    /** Per-attempt timeout in milliseconds. Default 60 000. */
    timeoutMs: z.number().int().positive().optional(),
    /**
     * Retries for retryable failures (429, 5xx, resets, timeouts) and backoff: `{ maxRetries,
     * baseDelayMs, maxDelayMs, maxRetryAfterMs }`. The deprecated `maxRetries` means `retry.maxRetries`.
     */
    ...retryFields,
    /** Your workspace's limits (requests and tokens per minute in the console), to pace under them. */
    rateLimit: rateLimitSettings.optional(),
  })
  .strict();

/** What `createMistral` accepts. */
export type MistralSettings = z.input<typeof mistralSettings>;
/** Settings after defaults. */
export type ResolvedMistralSettings = z.output<typeof mistralSettings>;
