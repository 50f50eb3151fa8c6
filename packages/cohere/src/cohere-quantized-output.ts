import {
  type BatchLimits,
  type BatchRequest,
  type EmbedOptions,
  type RateBudget,
  type RetryPolicy,
  runPerInputBatches,
} from '@embedkit/core';
import { type CohereInput, estimateInputTokens } from './cohere-input.js';

/** The quantised `embedding_types` Cohere returns besides float vectors. */
export type CohereQuantizedType = 'int8' | 'uint8' | 'binary' | 'ubinary';

/** Options of `encodeQuantized`: which type, and which side of retrieval the inputs are on. */
export interface CohereQuantizedOptions extends EmbedOptions {
  readonly type: CohereQuantizedType;
  /** `document` (default, `search_document`) or `query` (`search_query`). */
  readonly purpose?: 'document' | 'query';
}

/** What the quantised calls share with the embedding function. */
export interface QuantizedContext {
  readonly limits: BatchLimits;
  readonly concurrency: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs: number | undefined;
  readonly rateBudget: RateBudget | undefined;
  /** One HTTP call for the request's inputs, returning one typed array per input, in order. */
  readonly call: (
    request: BatchRequest<CohereInput>,
    type: CohereQuantizedType,
  ) => Promise<{ vectors: (Int8Array | Uint8Array)[]; tokens?: number }>;
}

/**
 * Runs quantised embedding calls through core's `runPerInputBatches`, so they get the same
 * batching, concurrency, retries, timeouts and count checks as float embeddings.
 */
export async function encodeQuantized(
  context: QuantizedContext,
  inputs: readonly CohereInput[],
  options: CohereQuantizedOptions,
): Promise<(Int8Array | Uint8Array)[]> {
  const { type, purpose = 'document', ...embedOptions } = options;
  const { results } = await runPerInputBatches<CohereInput, Int8Array | Uint8Array>(inputs, {
    ...embedOptions,
    provider: 'cohere',
    limits: context.limits,
    purpose,
    concurrency: context.concurrency,
    retry: context.retry,
    timeoutMs: context.timeoutMs,
    rateBudget: context.rateBudget,
    estimateTokens: estimateInputTokens,
    call: async (request) => {
      const response = await context.call(request, type);
      return {
        results: response.vectors.map((vector, index) => ({ index, result: vector })),
        tokens: response.tokens,
      };
    },
  });
  return results;
}
