import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { jinaDefaultBaseURL } from './jina-settings.js';

/** Settings of `createJinaReranker`; unknown keys are refused. */
export const jinaRerankerSettings = z
  .object({
    /** Rerank model id; any string is allowed. */
    model: z.string().min(1).default('jina-reranker-v2-base-multilingual'),
    apiKey: z.string().min(1).optional(),
    apiKeyEnv: z.string().min(1).optional(),
    baseURL: z.url().default(jinaDefaultBaseURL),
    dispatcher: z
      .custom<Dispatcher>((value) => typeof value === 'object' && value !== null)
      .optional(),
    /** Documents per request; more are split over several requests and merged by score. */
    maxDocumentsPerCall: z.number().int().min(1).max(2048).default(1024),
    /** Estimated tokens per request (query + document per pair). */
    maxTokensPerCall: z.number().int().positive().default(131_072),
    concurrency: z.number().int().min(1).max(1000).default(5),
    maxRetries: z.number().int().min(0).max(50).optional(),
    timeoutMs: z.number().int().positive().optional(),
    retry: z
      .object({
        baseDelayMs: z.number().nonnegative().optional(),
        maxDelayMs: z.number().nonnegative().optional(),
        maxRetryAfterMs: z.number().nonnegative().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type JinaRerankerSettings = z.input<typeof jinaRerankerSettings>;
