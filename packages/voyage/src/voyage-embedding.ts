import {
  type BatchLimits,
  type BatchRequest,
  createEmbeddingFunction,
  estimateTokens,
  InvalidConfigError,
  NotSupportedError,
  type ProviderEmbeddingFunction,
  RateBudget,
  validateTextInputs,
} from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { checkVoyageSettings } from './voyage-check-settings.js';
import { createVoyagePost } from './voyage-client.js';
import { voyageDefaultBaseURL } from './voyage-connection-settings.js';
import {
  voyageDefaultMaxTokensPerCall,
  voyageMaxInputsPerCall,
  voyageModelSpec,
} from './voyage-models.js';
import {
  encodeQuantized,
  type QuantizedContext,
  type VoyageQuantizedOptions,
} from './voyage-quantized-output.js';
import { buildVoyageBody, type VoyageOutputDtype } from './voyage-request-body.js';
import {
  readVoyageFloats,
  readVoyageQuantized,
  voyageEmbeddingResponse,
} from './voyage-response.js';
import type { VoyageRuntimeOptions } from './voyage-runtime-options.js';
import { type VoyageSettings, voyageSettings } from './voyage-settings.js';

/** A Voyage embedding function: the core contract plus quantised outputs. */
export interface VoyageEmbeddingFunction extends ProviderEmbeddingFunction {
  /**
   * Quantised vectors (`output_dtype`) for compact indexes: `int8` / `binary` as `Int8Array`,
   * `uint8` / `ubinary` as `Uint8Array`. `int8` and `uint8` have `dim` values; `binary` and
   * `ubinary` pack eight dimensions per byte (`dim / 8` values; `binary` is offset binary).
   */
  encodeQuantized(
    inputs: readonly string[],
    options: VoyageQuantizedOptions & { type: 'int8' | 'binary' },
  ): Promise<Int8Array[]>;
  encodeQuantized(
    inputs: readonly string[],
    options: VoyageQuantizedOptions & { type: 'uint8' | 'ubinary' },
  ): Promise<Uint8Array[]>;
}

/**
 * Creates a Voyage AI embedding function for `POST /v1/embeddings`. Settings (JSON, the registry's
 * schema) are validated and checked against the model here; the key (from the environment, or
 * `runtime.apiKey`) is read at the first call. `encodeDocuments` sends `input_type: "document"`,
 * `encodeQueries` `"query"`; vectors travel as base64 and decode straight into typed arrays;
 * batches hold at most 1,000 inputs and the model's tokens per request (120K, 320K or 1M).
 */
export function createVoyage(
  settings: VoyageSettings = {},
  runtime: VoyageRuntimeOptions = {},
): VoyageEmbeddingFunction {
  const resolved = parseSettings(voyageSettings, settings, 'voyage settings');
  const { model } = resolved;
  const spec = voyageModelSpec(model);
  const issues = spec ? checkVoyageSettings(resolved, spec) : [];
  if (issues.length > 0) throw new InvalidConfigError({ subject: 'voyage settings', issues });

  const concurrency = resolved.concurrency ?? 4;
  const rateBudget = resolved.rateLimit ? new RateBudget(resolved.rateLimit) : undefined;
  const post = createVoyagePost({
    baseURL: resolved.baseURL,
    apiKey: runtime.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: runtime.dispatcher,
    connections: concurrency,
  });
  const limits: BatchLimits = {
    maxInputsPerCall: voyageMaxInputsPerCall,
    maxTokensPerCall: spec?.maxTokensPerCall ?? voyageDefaultMaxTokensPerCall,
    // Only a refusing request needs inputs measured; with truncation the API cuts them itself.
    maxTokensPerInput: resolved.truncation === false ? spec?.maxTokensPerInput : undefined,
    supportsParallelCalls: true,
    concurrency,
  };
  const retry = resolveRetry(resolved);
  const call = (request: BatchRequest<string>, dtype: VoyageOutputDtype) =>
    post({
      path: 'embeddings',
      body: buildVoyageBody({
        settings: resolved,
        spec,
        inputs: request.inputs,
        purpose: request.purpose,
        task: request.task,
        dtype,
      }),
      schema: voyageEmbeddingResponse,
      signal: request.signal,
      headers: request.headers,
      model,
    });

  const base = createEmbeddingFunction<string>({
    provider: 'voyage',
    model,
    dim: resolved.dimensions ?? spec?.dim ?? 0,
    limits,
    settings: {
      inputType: resolved.inputType,
      dimensions: resolved.dimensions,
      encodingFormat: resolved.encodingFormat,
      truncation: resolved.truncation,
      baseURL: resolved.baseURL === voyageDefaultBaseURL ? undefined : resolved.baseURL,
      apiKeyEnv: resolved.apiKeyEnv,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    // Voyage documents its embeddings as normalised to length 1.
    spaceProperties: { normalized: true },
    estimateTokens,
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateBudget,
    async embedBatch(request) {
      const response = await call(request, 'float');
      return {
        embeddings: readVoyageFloats(response, model),
        tokens: response.usage?.total_tokens,
      };
    },
  });

  const quantized: QuantizedContext = {
    limits,
    concurrency,
    retry,
    timeoutMs: resolved.timeoutMs,
    rateBudget,
    estimateTokens,
    call: async (request, type) => {
      const response = await call(request, type);
      return { vectors: readVoyageQuantized(response, type), tokens: response.usage?.total_tokens };
    },
  };

  return {
    ...base,
    get dim() {
      return base.dim;
    },
    get space() {
      return base.space;
    },
    encodeQuantized: (async (inputs: readonly string[], options: VoyageQuantizedOptions) => {
      if (spec && !spec.quantized) {
        throw new NotSupportedError({
          message: `${model} returns only float vectors (output_dtype "float"); use voyage-4, voyage-3.5, voyage-3-large or voyage-code-3 for ${options.type}.`,
        });
      }
      validateTextInputs(inputs, options.allowEmpty);
      return encodeQuantized(quantized, inputs, options);
    }) as VoyageEmbeddingFunction['encodeQuantized'],
  };
}
