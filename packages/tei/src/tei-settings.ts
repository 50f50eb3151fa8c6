import { rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import type { Dispatcher } from 'undici';
import { z } from 'zod';

/** Where `text-embeddings-router` listens when run as its README shows (`-p 8080:80`). */
export const teiDefaultBaseURL = 'http://127.0.0.1:8080';

/**
 * Settings of `createTEI`, and the registry's config schema: JSON only and secret-free (a
 * literal token and a dispatcher go in the second argument). Unknown keys are refused, so a typo
 * fails loudly instead of being ignored.
 */
export const teiSettings = z
  .object({
    /** The server's root; `/embed` and `/info` are appended. */
    baseURL: z.url({ protocol: /^https?$/ }).default(teiDefaultBaseURL),
    /**
     * The model the server serves (`--model-id`), e.g. `BAAI/bge-small-en-v1.5`. It names the
     * embedding space, and the first call checks it against `GET /info`'s `model_id`, so a config
     * pointed at a server that serves another model fails before any vector is mixed in.
     */
    model: z.string().min(1),
    /**
     * Vector length. Set it and `dim` is known without a call; it is also sent as TEI's
     * `dimensions` (Matryoshka truncation, TEI 1.7 and later), so a value below the model's size
     * shortens the vectors. Without it, the first call learns the length and `toConfig()` then
     * records it. TEI's `/info` does not report the dimension.
     */
    dimensions: z.number().int().positive().optional(),
    /** `normalize`: L2-normalise vectors. TEI's default is true; sent only when set. */
    normalize: z.boolean().optional(),
    /**
     * `truncate`: cut inputs longer than the model's `max_input_length` instead of refusing them.
     * When unset, the server's `--auto-truncate` decides (read from `/info`).
     */
    truncate: z.boolean().optional(),
    /** `truncation_direction`: which end a truncated input loses. TEI's default is `right`. */
    truncationDirection: z.enum(['left', 'right']).optional(),
    /**
     * `prompt_name` for `encodeQueries`: a key of the model's sentence-transformers `prompts`
     * (e.g. `query`), whose text TEI prepends to each query.
     */
    queryPromptName: z.string().min(1).optional(),
    /** `prompt_name` for `encodeDocuments` (e.g. `document` or `passage`). */
    documentPromptName: z.string().min(1).optional(),
    /** `prompt_name` for `embed()`; none by default (the server's `--default-prompt-name`). */
    promptName: z.string().min(1).optional(),
    /**
     * Environment variable holding a bearer token, for a server started with `--api-key` or a
     * Hugging Face Inference Endpoint (`HF_TOKEN`). No token is sent unless this (or a literal
     * token in code) is given; read at each call, never stored.
     */
    apiKeyEnv: apiKeyEnvSetting.optional(),
    /**
     * Inputs per request, at most the server's `max_client_batch_size` (learned from `/info`);
     * a lower value only lowers it.
     */
    maxInputsPerCall: z.number().int().positive().optional(),
    /**
     * Estimated tokens per request; default the server's `max_batch_tokens`, so one request
     * fits one forward pass.
     */
    maxTokensPerCall: z.number().int().positive().optional(),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(512).optional(),
    ...retryFields,
    /** Per-attempt timeout in milliseconds. Default 60,000. */
    timeoutMs: z.number().int().positive().optional(),
    /** A gateway's published limits, to pace requests under them instead of meeting 429s. */
    rateLimit: rateLimitSettings.optional(),
  })
  .strict();

/** What `createTEI` accepts. */
export type TEISettings = z.input<typeof teiSettings>;

/** What only code can pass to `createTEI`, as its second argument; never in `toConfig()`. */
export interface TEIRuntimeOptions {
  /** A literal bearer token; prefer `apiKeyEnv`. Never stored, logged or put in an error. */
  apiKey?: string;
  /** An undici dispatcher (proxy, test pool); core's shared keep-alive pool otherwise. */
  dispatcher?: Dispatcher;
}
