import {
  type BatchLimits,
  type BatchRequest,
  type EmbedOptions,
  type RateBudget,
  type RetryPolicy,
  runPerInputBatches,
  type TokenEstimator,
} from '@embedkit/core';

/** The quantised `output_dtype` values Voyage returns besides float vectors. */
export type VoyageQuantizedType = 'int8' | 'uint8' | 'binary' | 'ubinary';

/** Options of `encodeQuantized`: which type, and which side of retrieval the inputs are on. */
export interface VoyageQuantizedOptions extends EmbedOptions {
  readonly type: VoyageQuantizedType;
  /** `document` (default, `input_type: "document"`) or `query`. */
  readonly purpose?: 'document' | 'query';
}

/** What the quantised calls share with the embedding function. */
export interface QuantizedContext {
  readonly limits: BatchLimits;
  readonly concurrency: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs: number | undefined;
  readonly rateBudget: RateBudget | undefined;
  readonly estimateTokens: TokenEstimator;
  /** One HTTP call for the request's inputs, returning one typed array per input, by index. */
  readonly call: (
    request: BatchRequest<string>,
    type: VoyageQuantizedType,
  ) => Promise<{ vectors: { index: number; vector: Int8Array | Uint8Array }[]; tokens?: number }>;
}

/**
 * Runs quantised embedding calls through core's `runPerInputBatches`, so they get the same
 * batching, concurrency, retries, timeouts and count checks as float embeddings.
 */
export async function encodeQuantized(
  context: QuantizedContext,
  inputs: readonly string[],
  options: VoyageQuantizedOptions,
): Promise<(Int8Array | Uint8Array)[]> {
  const { type, purpose = 'document', ...embedOptions } = options;
  const { results } = await runPerInputBatches<string, Int8Array | Uint8Array>(inputs, {
    ...embedOptions,
    provider: 'voyage',
    limits: context.limits,
    purpose,
    concurrency: context.concurrency,
    retry: context.retry,
    timeoutMs: context.timeoutMs,
    rateBudget: context.rateBudget,
    estimateTokens: context.estimateTokens,
    call: async (request) => {
      const response = await context.call(request, type);
      return {
        results: response.vectors.map(({ index, vector }) => ({ index, result: vector })),
        tokens: response.tokens,
      };
    },
  });
  return results;
}
