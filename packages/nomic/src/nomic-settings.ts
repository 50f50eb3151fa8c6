import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import { z } from 'zod';
import { nomicTaskTypes } from './nomic-models.js';

/** Nomic's API root (the embedding path is `/v1/embedding/text`). */
export const nomicDefaultBaseURL = 'https://api-atlas.nomic.ai';

/**
 * Settings of `createNomic`, and the registry's config schema: JSON only, no secret (the key and a
 * dispatcher go in the second argument). Unknown keys are refused; settings are also checked
 * against a known model (`dimensions` only on v1.5, 64–768) before any call.
 */
export const nomicSettings = z
  .object({
    /** Model id: `nomic-embed-text-v1.5` (Matryoshka) or `nomic-embed-text-v1`. */
    model: z.string().min(1).default('nomic-embed-text-v1.5'),
    /** Task of `embed()`: `classification`, `clustering`, … Default `search_document`. */
    taskType: z.enum(nomicTaskTypes).optional(),
    /** Output length, sent as `dimensionality` (nomic-embed-text-v1.5: 64–768). */
    dimensions: z.number().int().positive().optional(),
    /**
     * Texts longer than the 8192-token context: `truncate` (default) cuts them, `mean` embeds
     * them in chunks and averages the vectors. Always sent (the reference's default is unclear).
     */
    longTextMode: z.enum(['truncate', 'mean']).default('truncate'),
    /** Tokens kept per text before `longTextMode` applies, sent as `max_tokens_per_text`. */
    maxTokensPerText: z.number().int().positive().optional(),
    /** Environment variable holding the key, read before `NOMIC_API_KEY` and `ATLAS_API_KEY`. */
    apiKeyEnv: apiKeyEnvSetting.optional(),
    /** API root, e.g. a proxy or the simulator. */
    baseURL: z.url({ protocol: /^https?$/ }).default(nomicDefaultBaseURL),
    /** Requests in flight at once. Default 4 (the official client runs up to 10). */
    concurrency: z.number().int().min(1).max(64).optional(),
    /** Per-attempt timeout in milliseconds. Default 60 000. */
    timeoutMs: z.number().int().positive().optional(),
    /** Retries for retryable failures and backoff; the deprecated `maxRetries` means `retry.maxRetries`. */
    ...retryFields,
    /** Your account's limits, to pace requests under them (Nomic publishes none). */
    rateLimit: rateLimitSettings.optional(),
  })
  .strict();

/** What `createNomic` accepts. */
export type NomicSettings = z.input<typeof nomicSettings>;
/** Settings after defaults. */
export type ResolvedNomicSettings = z.output<typeof nomicSettings>;
