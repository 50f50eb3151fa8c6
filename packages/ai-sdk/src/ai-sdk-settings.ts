import { rateLimitSettings } from '@embedkit/core';
import { retryFields } from '@embedkit/core/provider';
import { z } from 'zod';

/** AI SDK `providerOptions`: provider name → its options, JSON only. */
const providerOptions = z.record(z.string(), z.record(z.string(), z.json()));

/**
 * Settings of `fromAiSdk`: how core's runner drives the wrapped model. JSON only (they appear in
 * `toConfig()`), no secret (the AI SDK provider holds its key). Unknown keys are refused, so a
 * typo fails loudly.
 */
export const aiSdkEmbeddingSettings = z
  .object({
    /**
     * Length of the model's vectors, when known; otherwise `resolveDim()` (and the first call)
     * learns it. The AI SDK does not declare it.
     */
    dimensions: z.number().int().positive().optional(),
    /**
     * Inputs per call. Default: the model's `maxEmbeddingsPerCall`; 2,048 when it declares no cap
     * (`Infinity` or nothing). Required when the model only tells it asynchronously. Never above
     * the model's own cap.
     */
    maxInputsPerCall: z.number().int().positive().optional(),
    /** Estimated tokens per call (the service's per-request token cap), when it has one. */
    maxTokensPerCall: z.number().int().positive().optional(),
    /** Tokens one input may have, when the service refuses longer ones. */
    maxTokensPerInput: z.number().int().positive().optional(),
    /**
     * Calls in flight at once. Default 4, or 1 when the model says `supportsParallelCalls:
     * false`; a value given here overrides that flag (set it to the service's concurrent-request
     * cap when the provider package is more cautious than the service).
     */
    concurrency: z.number().int().min(1).max(1000).optional(),
    /** Per-attempt timeout in milliseconds. Default core's (60 s). */
    timeoutMs: z.number().int().positive().optional(),
    /** The service's published limits, to pace calls instead of meeting 429s. */
    rateLimit: rateLimitSettings.optional(),
    ...retryFields,
    /**
     * AI SDK `providerOptions` per side of retrieval, since the AI SDK has no document/query
     * notion: e.g. `{ document: { cohere: { inputType: 'search_document' } }, query: { cohere: {
     * inputType: 'search_query' } } }`. `default` is what `embed()` sends.
     */
    providerOptions: z
      .object({
        document: providerOptions.optional(),
        query: providerOptions.optional(),
        default: providerOptions.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** What `fromAiSdk` accepts. */
export type AiSdkEmbeddingSettings = z.input<typeof aiSdkEmbeddingSettings>;
