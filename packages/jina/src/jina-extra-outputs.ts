import {
  type BatchLimits,
  type BatchRequest,
  type EmbedOptions,
  NotSupportedError,
  type RateBudget,
  ResponseFormatError,
  type RetryPolicy,
  runPerInputBatches,
} from '@embedkit/core';
import { estimateInputTokens, type JinaInput, validateJinaInputs } from './jina-input.js';
import type { JinaModelSpec } from './jina-models.js';
import type { JinaRequestPlan } from './jina-request-body.js';
import {
  decodePackedVector,
  decodeTokenVectors,
  type JinaEmbeddingResponse,
} from './jina-response.js';

/** Options of the multi-vector and packed calls: which side of retrieval the inputs are on. */
export interface JinaOutputOptions extends EmbedOptions {
  /** `document` (default) or `query`: picks the task or colbert's `input_type`. */
  purpose?: 'document' | 'query';
}

/** Outputs that are not one float vector per input, so they live outside the core contract. */
export interface JinaExtraOutputs {
  /**
   * Many vectors per input (one per token): `jina-colbert-v2`, or `jina-embeddings-v4` with
   * `return_multivector`. For late-interaction (ColBERT-style) scoring.
   */
  encodeMultivector(
    inputs: readonly JinaInput[],
    options?: JinaOutputOptions,
  ): Promise<Float32Array[][]>;
  /**
   * Sign bits packed eight per byte (`binary` → `Int8Array`, `ubinary` → `Uint8Array`), 32× smaller
   * than float32, for binary-quantised indexes. Length `ceil(dim / 8)`.
   */
  encodePacked(
    inputs: readonly JinaInput[],
    options: JinaOutputOptions & { type: 'binary' },
  ): Promise<Int8Array[]>;
  encodePacked(
    inputs: readonly JinaInput[],
    options: JinaOutputOptions & { type: 'ubinary' },
  ): Promise<Uint8Array[]>;
}

/** What the extra outputs share with the embedding function. */
export interface ExtraOutputsContext {
  readonly model: string;
  readonly spec: JinaModelSpec | undefined;
  readonly dimensions: number | undefined;
  readonly limits: BatchLimits;
  readonly concurrency: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs: number | undefined;
  /** The embedding function's budget: extra outputs count against the same key's limits. */
  readonly rateBudget: RateBudget | undefined;
  readonly callEmbeddings: (
    request: BatchRequest<JinaInput>,
    output: JinaRequestPlan['output'],
  ) => Promise<JinaEmbeddingResponse>;
}

/** Builds `encodeMultivector` and `encodePacked` on core's batch runner. */
export function createJinaExtraOutputs(context: ExtraOutputsContext): JinaExtraOutputs {
  const { model, spec } = context;
  const run = <Result>(
    inputs: readonly JinaInput[],
    options: JinaOutputOptions,
    output: JinaRequestPlan['output'],
    decode: (item: JinaEmbeddingResponse['data'][number]) => Result,
  ) => {
    validateJinaInputs(inputs, model, spec, options.allowEmpty);
    return runPerInputBatches<JinaInput, Result>(inputs, {
      ...options,
      provider: 'jina',
      limits: context.limits,
      purpose: options.purpose ?? 'document',
      estimateTokens: estimateInputTokens,
      concurrency: context.concurrency,
      retry: context.retry,
      timeoutMs: context.timeoutMs,
      rateBudget: context.rateBudget,
      call: async (request) => {
        const response = await context.callEmbeddings(request, output);
        return {
          results: response.data.map((item) => ({ index: item.index, result: decode(item) })),
          tokens: response.usage?.total_tokens,
        };
      },
    });
  };

  const multivectorDim =
    spec?.multivector === 'only' ? (context.dimensions ?? spec.dim) : spec?.multivector ? 128 : 0;

  return {
    async encodeMultivector(inputs, options = {}) {
      if (spec && !spec.multivector) {
        throw new NotSupportedError({
          message: `${model} returns one vector per input; multi-vector output needs jina-colbert-v2 or jina-embeddings-v4.`,
        });
      }
      const { results } = await run(inputs, options, 'multivector', (item) => {
        if (!item.embeddings || item.embeddings.length === 0) {
          throw new ResponseFormatError({
            provider: 'jina',
            message: `jina answered item ${item.index} for ${model} without multi-vector "embeddings".`,
          });
        }
        const vectors = decodeTokenVectors(item.embeddings, item.index, model);
        const expected = multivectorDim || vectors[0]!.length;
        const wrong = vectors.find((vector) => vector.length !== expected);
        if (wrong) {
          throw new ResponseFormatError({
            provider: 'jina',
            message: `jina returned a ${wrong.length}-value token vector for item ${item.index} of ${model}, expected ${expected}.`,
          });
        }
        return vectors;
      });
      return results;
    },
    async encodePacked(
      inputs: readonly JinaInput[],
      options: JinaOutputOptions & { type: 'binary' | 'ubinary' },
    ) {
      if (spec && (!spec.fields.includes('embedding_type') || spec.multivector === 'only')) {
        throw new NotSupportedError({
          message: `${model} cannot return packed binary vectors; use jina-embeddings-v3, v4, v2 or the clip models.`,
        });
      }
      const bytes = context.dimensions ?? spec?.dim;
      const { results } = await run(inputs, options, options.type, (item) => {
        const packed = decodePackedVector(item.embedding ?? [], options.type, item.index);
        if (
          packed.length === 0 ||
          (bytes !== undefined && packed.length !== Math.ceil(bytes / 8))
        ) {
          throw new ResponseFormatError({
            provider: 'jina',
            message: `jina returned ${packed.length} packed bytes for item ${item.index} of ${model}, expected ${bytes === undefined ? 'some' : Math.ceil(bytes / 8)}.`,
          });
        }
        return packed;
      });
      return results as Int8Array[] & Uint8Array[];
    },
  } as JinaExtraOutputs;
}
