import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import { z } from 'zod';
import { teiDefaultBaseURL } from './tei-settings.js';

/**
 * Settings of `createTEIReranker`, and its registry schema: JSON only and secret-free (a literal
 * token and a dispatcher go in the second argument, as for `createTEI`). Unknown keys are refused.
 */
export const teiRerankerSettings = z
  .object({
    /** The server's root; `/rerank` is appended. */
    baseURL: z.url({ protocol: /^https?$/ }).default(teiDefaultBaseURL),
    /** The re-ranker the server serves (`--model-id`), e.g. `BAAI/bge-reranker-base`. */
    model: z.string().min(1),
    /**
     * Documents per request, at most the server's `max_client_batch_size` (TEI's default 32). A
     * server that takes fewer answers 422, and the batch is halved and retried.
     */
    maxDocumentsPerCall: z.number().int().positive().default(32),
    /** `truncate`: cut query–document pairs over the model's length instead of refusing them. */
    truncate: z.boolean().optional(),
    /** `truncation_direction`: which end a truncated pair loses. TEI's default is `right`. */
    truncationDirection: z.enum(['left', 'right']).optional(),
    /**
     * `raw_scores`: the model's logits instead of TEI's sigmoid probabilities. The order is the
     * same; the scores are unbounded.
     */
    rawScores: z.boolean().optional(),
    /** Environment variable holding a bearer token (`--api-key`, or `HF_TOKEN` for an Endpoint). */
    apiKeyEnv: apiKeyEnvSetting.optional(),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(512).default(4),
    ...retryFields,
    /** Per-attempt timeout in milliseconds. Default 60,000. */
    timeoutMs: z.number().int().positive().optional(),
    /** A gateway's published limits, to pace requests under them instead of meeting 429s. */
    rateLimit: rateLimitSettings.optional(),
  })
  .strict();

export type TEIRerankerSettings = z.input<typeof teiRerankerSettings>;
