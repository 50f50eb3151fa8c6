import {
  type BatchLimits,
  type BatchRequest,
  type EmbedOptions,
  type RateBudget,
  type RetryPolicy,
  runBatches,
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
 * Runs quantised embedding calls through core's batch runner, so they get the same batching,
 * concurrency, retries, timeouts and count checks as float embeddings. The runner sees a
 * one-value placeholder per input; the real typed arrays are collected by input position.
 */
export async function encodeQuantized(
  context: QuantizedContext,
  inputs: readonly string[],
  options: VoyageQuantizedOptions,
): Promise<(Int8Array | Uint8Array)[]> {
  const results: (Int8Array | Uint8Array)[] = new Array(inputs.length);
  const { type, purpose = 'document', ...embedOptions } = options;
  await runBatches<number>({
    ...embedOptions,
    inputs: inputs.map((_, position) => position),
    provider: 'voyage',
    limits: context.limits,
    dim: 1,
    purpose,
    concurrency: context.concurrency,
    retry: context.retry,
    timeoutMs: context.timeoutMs,
    rateBudget: context.rateBudget,
    estimateTokens: (position) => context.estimateTokens(inputs[position]!),
    embedBatch: async (request) => {
      const response = await context.call(
        { ...request, inputs: request.inputs.map((position) => inputs[position]!) },
        type,
      );
      const embeddings = response.vectors.map(({ index, vector }) => {
        const position = request.inputs[index];
        if (position !== undefined) results[position] = vector;
        return { index, vector: Float32Array.of(1) }; // non-zero: the runner refuses all-zero vectors
      });
      return { embeddings, tokens: response.tokens };
    },
  });
  return results;
}
