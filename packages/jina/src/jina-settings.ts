import type { Dispatcher } from 'undici';
import { z } from 'zod';

/** Jina's API root. */
export const jinaDefaultBaseURL = 'https://api.jina.ai/v1';

/**
 * Settings of `createJina`. Every field is optional; unknown keys are refused so a typo such as
 * `dimension` fails loudly instead of being ignored. Settings are also checked against the
 * model (a task it does not take, a dimension out of its range) before any call.
 */
export const jinaSettings = z
  .object({
    /** Model id. Any string is allowed; unknown models get only the fields you configure. */
    model: z.string().min(1).default('jina-embeddings-v3'),
    /** The API key. Read from the environment at the first call when absent. Never stored. */
    apiKey: z.string().min(1).optional(),
    /** Environment variable holding the key, checked before `JINA_API_KEY` and `JINAAI_API_KEY`. */
    apiKeyEnv: z.string().min(1).optional(),
    /** Task for `embed()`; `encodeDocuments` / `encodeQueries` use the model's retrieval pair. */
    task: z.string().min(1).optional(),
    /** Matryoshka output length, within the model's range. */
    dimensions: z.number().int().positive().optional(),
    /**
     * Late chunking: `encodeDocuments(chunks)` treats the chunks as one document, sent in one
     * request so each chunk's vector sees the whole document.
     */
    lateChunking: z.boolean().default(false),
    /** L2-normalise vectors (sent explicitly: the API's default changed over time). Default true. */
    normalized: z.boolean().optional(),
    /** Wire format of float vectors: `base64` (default, compact) or `float` (JSON numbers). */
    embeddingType: z.enum(['base64', 'float']).optional(),
    /** Let the API cut over-long inputs instead of refusing them. Default false. */
    truncate: z.boolean().optional(),
    /** API root, e.g. a proxy or the simulator. */
    baseURL: z.url().default(jinaDefaultBaseURL),
    /** An undici dispatcher (proxy agent, custom pool); a shared keep-alive pool otherwise. */
    dispatcher: z
      .custom<Dispatcher>((value) => typeof value === 'object' && value !== null)
      .optional(),
    /** Requests in flight at once. Default 5, the free tier's concurrency limit. */
    concurrency: z.number().int().min(1).max(1000).optional(),
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
  })
  .strict();

/** What `createJina` accepts. */
export type JinaSettings = z.input<typeof jinaSettings>;
/** Settings after defaults. */
export type ResolvedJinaSettings = z.output<typeof jinaSettings>;
