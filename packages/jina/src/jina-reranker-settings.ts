import { z } from 'zod';
import { jinaConnectionFields } from './jina-connection-settings.js';

/** Settings of `createJinaReranker`; unknown keys are refused. */
export const jinaRerankerSettings = z
  .object({
    ...jinaConnectionFields,
    /** Rerank model id; any string is allowed. */
    model: z.string().min(1).default('jina-reranker-v2-base-multilingual'),
    /** Documents per request; more are split over several requests and merged by score. */
    maxDocumentsPerCall: z.number().int().min(1).max(2048).default(1024),
    /** Estimated tokens per request (query + document per pair). */
    maxTokensPerCall: z.number().int().positive().default(131_072),
    /** Requests in flight at once. Default 5, the free tier's concurrency limit. */
    concurrency: z.number().int().min(1).max(1000).default(5),
  })
  .strict();

export type JinaRerankerSettings = z.input<typeof jinaRerankerSettings>;
