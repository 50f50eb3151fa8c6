import {
  type BatchLimits,
  type BatchRequest,
  type EmbedOptions,
  estimateTokens,
  NotSupportedError,
  type RateBudget,
  ResponseFormatError,
  type RetryPolicy,
  runPerInputBatches,
  validateTextInputs,
} from '@embedkit/core';
import type { MistralModelSpec, MistralQuantizedType } from './mistral-models.js';
import {
  decodeIntegerVector,
  type MistralEmbeddingResponse,
  readMistralTokens,
} from './mistral-response.js';

/** Integer outputs of codestral-embed, outside the float contract. */
export interface MistralQuantizedOutputs {
  /**
   * Vectors as `output_dtype` integers: `int8` (`Int8Array`, −128…127) or `uint8` (`Uint8Array`)
   * of `dim` values, or sign bits packed eight per byte, `binary` (`Int8Array`, offset binary)
   * or `ubinary` (`Uint8Array`), of `ceil(dim / 8)` bytes — for quantised indexes at a quarter
   * or a 32nd of float32's size. Batched, retried and ordered like `encodeDocuments`.
   */
  encodeQuantized(
    inputs: readonly string[],
    options: EmbedOptions & { type: 'int8' | 'binary' },
  ): Promise<Int8Array[]>;
  encodeQuantized(
    inputs: readonly string[],
    options: EmbedOptions & { type: 'uint8' | 'ubinary' },
  ): Promise<Uint8Array[]>;
}

/** What the integer outputs share with the embedding function. */
export interface QuantizedOutputsContext {
  readonly model: string;
  readonly spec: MistralModelSpec | undefined;
  readonly dim: number;
  readonly limits: BatchLimits;
  readonly concurrency: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs: number | undefined;
  readonly rateBudget: RateBudget | undefined;
  readonly call: (
    request: BatchRequest<string>,
    output: MistralQuantizedType,
  ) => Promise<MistralEmbeddingResponse>;
}

/** Builds `encodeQuantized` on core's batch runner. */
export function createMistralQuantizedOutputs(
  context: QuantizedOutputsContext,
): MistralQuantizedOutputs {
  const { model, spec } = context;
  return {
    async encodeQuantized(
      inputs: readonly string[],
      options: EmbedOptions & { type: MistralQuantizedType },
    ) {
      if (spec && !spec.quantized) {
        throw new NotSupportedError({
          message: `${model} returns float vectors only; integer and binary output (output_dtype) needs codestral-embed.`,
        });
      }
      const type = options.type;
      validateTextInputs(inputs, options.allowEmpty);
      const expected =
        type === 'binary' || type === 'ubinary' ? Math.ceil(context.dim / 8) : context.dim;
      const { results } = await runPerInputBatches<string, Int8Array | Uint8Array>(inputs, {
        ...options,
        provider: 'mistral',
        limits: context.limits,
        purpose: 'document',
        estimateTokens,
        concurrency: context.concurrency,
        retry: context.retry,
        timeoutMs: context.timeoutMs,
        rateBudget: context.rateBudget,
        call: async (request) => {
          const response = await context.call(request, type);
          return {
            results: response.data.map((item) => {
              const vector = decodeIntegerVector(item.embedding, type, item.index);
              if (expected > 0 && vector.length !== expected) {
                throw new ResponseFormatError({
                  provider: 'mistral',
                  message: `mistral returned ${vector.length} ${type} values for index ${item.index} of ${model}, expected ${expected}.`,
                });
              }
              return { index: item.index, result: vector };
            }),
            tokens: readMistralTokens(response),
          };
        },
      });
      return results as never;
    },
  };
}
