import { z } from 'zod';
import { cohereConnectionFields } from './cohere-connection-settings.js';

/** Settings of `createCohereReranker`, and its registry schema; unknown keys are refused. */
export const cohereRerankerSettings = z
  .object({
    ...cohereConnectionFields,
    /** Rerank model id, e.g. `rerank-v4.0-pro`, `rerank-v3.5`; any string is allowed. */
    model: z.string().min(1).default('rerank-v3.5'),
    /**
     * Documents per request. Cohere takes up to 10,000 but recommends at most 1,000 per request;
     * more are split over several requests and merged by score.
     */
    maxDocumentsPerCall: z.number().int().min(1).max(10_000).default(1000),
    /** `max_tokens_per_doc`: Cohere cuts longer documents to this many tokens (its default 4,096). */
    maxTokensPerDocument: z.number().int().positive().optional(),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(1000).default(4),
  })
  .strict();

export type CohereRerankerSettings = z.input<typeof cohereRerankerSettings>;
