import { z } from 'zod';
import { voyageConnectionFields } from './voyage-connection-settings.js';

/** Settings of `createVoyageReranker`, and its registry schema; unknown keys are refused. */
export const voyageRerankerSettings = z
  .object({
    ...voyageConnectionFields,
    /** Rerank model id, e.g. `rerank-2.5`, `rerank-2.5-lite`; any string is allowed. */
    model: z.string().min(1).default('rerank-2.5'),
    /** Documents per request; Voyage takes at most 1,000. More are split and merged by score. */
    maxDocumentsPerCall: z.number().int().min(1).max(1000).default(1000),
    /**
     * Estimated tokens per request, counted as Voyage does: query tokens × documents + document
     * tokens. Voyage refuses more than 600,000 (300,000 for rerank-1 and rerank-lite-1); the
     * default leaves a margin under the smaller cap for estimation error.
     */
    maxTokensPerCall: z.number().int().positive().default(250_000),
    /**
     * `truncation`: cut a query or query–document pair over the model's context (Voyage's
     * default) instead of refusing it. Sent only when set.
     */
    truncation: z.boolean().optional(),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(1000).default(4),
  })
  .strict();

export type VoyageRerankerSettings = z.input<typeof voyageRerankerSettings>;
