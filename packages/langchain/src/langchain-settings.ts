import { rateLimitSettings } from '@embedkit/core';
import { retryFields } from '@embedkit/core/provider';
import { z } from 'zod';

/**
 * Settings of `fromLangChain`: how core's runner drives the wrapped `Embeddings`. JSON only (they
 * appear in `toConfig()`), no secret (the LangChain object holds its key). Unknown keys are
 * refused, so a typo fails loudly.
 */
export const langchainEmbeddingSettings = z
  .object({
    /**
     * The name configs use for this `Embeddings` (`createLangChainProvider` looks it up), and the
     * function's `model`. Default: the object's `model` or `modelName`, else its class name.
     */
    name: z.string().min(1).optional(),
    /** Length of the vectors, when known; otherwise the first call (or `resolveDim()`) learns it. */
    dimensions: z.number().int().positive().optional(),
    /**
     * Texts per `embedDocuments` call. Default: the object's `batchSize` (LangChain's provider
     * classes have one; `OpenAIEmbeddings`: 512), so one call is one request; 512 otherwise.
     */
    maxInputsPerCall: z.number().int().positive().optional(),
    /** Estimated tokens per call (the service's per-request token cap), when it has one. */
    maxTokensPerCall: z.number().int().positive().optional(),
    /** Tokens one input may have, when the service refuses longer ones. */
    maxTokensPerInput: z.number().int().positive().optional(),
    /** Calls in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(1000).optional(),
    /** Per-attempt timeout in milliseconds. Default core's (60 s). */
    timeoutMs: z.number().int().positive().optional(),
    /** The service's published limits, to pace calls instead of meeting 429s. */
    rateLimit: rateLimitSettings.optional(),
    ...retryFields,
  })
  .strict();

/** What `fromLangChain` accepts. */
export type LangChainEmbeddingSettings = z.input<typeof langchainEmbeddingSettings>;
