import {
  type BatchLimits,
  type BatchRequest,
  createEmbeddingFunction,
  InvalidConfigError,
  type ProviderEmbeddingFunction,
  RateBudget,
} from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { checkCohereSettings } from './cohere-check-settings.js';
import { createCoherePost } from './cohere-client.js';
import { cohereDefaultBaseURL } from './cohere-connection-settings.js';
import { type CohereInput, estimateInputTokens, validateCohereInputs } from './cohere-input.js';
import { cohereMaxInputsPerCall, cohereModelSpec } from './cohere-models.js';
import {
  type CohereQuantizedOptions,
  encodeQuantized,
  type QuantizedContext,
} from './cohere-quantized-output.js';
import { buildCohereBody, type CohereOutputType } from './cohere-request-body.js';
import {
  cohereEmbedResponse,
  readCohereFloats,
  readCohereQuantized,
  readCohereTokens,
} from './cohere-response.js';
import type { CohereRuntimeOptions } from './cohere-runtime-options.js';
import { type CohereSettings, cohereSettings } from './cohere-settings.js';

/** A Cohere embedding function: the core contract plus quantised outputs. */
export interface CohereEmbeddingFunction extends ProviderEmbeddingFunction<CohereInput> {
  /**
   * Quantised vectors for compact indexes: `int8` / `binary` as `Int8Array`, `uint8` / `ubinary`
   * as `Uint8Array`. `int8` and `uint8` have `dim` values; `binary` and `ubinary` pack eight
   * dimensions per byte (`dim / 8` values), as Cohere sends them.
   */
  encodeQuantized(
    inputs: readonly CohereInput[],
    options: CohereQuantizedOptions & { type: 'int8' | 'binary' },
  ): Promise<Int8Array[]>;
  encodeQuantized(
    inputs: readonly CohereInput[],
    options: CohereQuantizedOptions & { type: 'uint8' | 'ubinary' },
  ): Promise<Uint8Array[]>;
}

/**
 * Creates a Cohere embedding function for `POST /v2/embed`. Settings (JSON, the registry's schema)
 * are validated and checked against the model here; the key (from the environment, or
 * `runtime.apiKey`) is read at the first call. `encodeDocuments` sends `search_document`,
 * `encodeQueries` `search_query`; float vectors travel as base64 and decode straight into
 * `Float32Array`; batches hold at most 96 inputs (and 128,000 estimated tokens on embed-v4.0).
 */
export function createCohere(
  settings: CohereSettings = {},
  runtime: CohereRuntimeOptions = {},
): CohereEmbeddingFunction {
  const resolved = parseSettings(cohereSettings, settings, 'cohere settings');
  const { model } = resolved;
  const spec = cohereModelSpec(model);
  const issues = spec ? checkCohereSettings(resolved, spec) : [];
  if (issues.length > 0) throw new InvalidConfigError({ subject: 'cohere settings', issues });

  const concurrency = resolved.concurrency ?? 4;
  const rateBudget = resolved.rateLimit ? new RateBudget(resolved.rateLimit) : undefined;
  const post = createCoherePost({
    baseURL: resolved.baseURL,
    apiKey: runtime.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: runtime.dispatcher,
    connections: concurrency,
  });
  const limits: BatchLimits = {
    maxInputsPerCall: cohereMaxInputsPerCall,
    maxTokensPerCall: spec?.maxTokensPerCall,
    // Only a refusing model needs inputs measured; with START/END the API cuts them itself.
    maxTokensPerInput: resolved.truncate === 'NONE' ? spec?.maxTokensPerInput : undefined,
    supportsParallelCalls: true,
    concurrency,
  };
  const retry = resolveRetry(resolved);
  const embeddingType = resolved.embeddingType ?? 'base64';
  const call = (request: BatchRequest<CohereInput>, output: CohereOutputType) =>
    post({
      path: 'v2/embed',
      body: buildCohereBody({
        settings: resolved,
        spec,
        inputs: request.inputs,
        purpose: request.purpose,
        task: request.task,
        output,
      }),
      schema: cohereEmbedResponse,
      signal: request.signal,
      headers: request.headers,
      model,
    });

  const base = createEmbeddingFunction<CohereInput>({
    provider: 'cohere',
    model,
    dim: resolved.dimensions ?? spec?.dim ?? 0,
    limits,
    settings: {
      inputType: resolved.inputType,
      dimensions: resolved.dimensions,
      embeddingType: resolved.embeddingType,
      truncate: resolved.truncate,
      baseURL: resolved.baseURL === cohereDefaultBaseURL ? undefined : resolved.baseURL,
      apiKeyEnv: resolved.apiKeyEnv,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    // Only START changes what an accepted input embeds to (END is the API's default, and NONE
    // refuses what END would cut), so only START is a different embedding space.
    spaceProperties: resolved.truncate === 'START' ? { truncate: 'START' } : {},
    estimateTokens: estimateInputTokens,
    validateInputs: (inputs, options) =>
      validateCohereInputs(inputs, model, spec, options.allowEmpty),
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateBudget,
    async embedBatch(request) {
      const response = await call(request, embeddingType);
      return {
        embeddings: readCohereFloats(response, embeddingType, model),
        tokens: readCohereTokens(response),
      };
    },
  });

  const quantized: QuantizedContext = {
    limits,
    concurrency,
    retry,
    timeoutMs: resolved.timeoutMs,
    rateBudget,
    call: async (request, type) => {
      const response = await call(request, type);
      return {
        vectors: readCohereQuantized(response, type, model),
        tokens: readCohereTokens(response),
      };
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
    encodeQuantized: ((inputs: readonly CohereInput[], options: CohereQuantizedOptions) => {
      validateCohereInputs(inputs, model, spec, options.allowEmpty);
      return encodeQuantized(quantized, inputs, options);
    }) as CohereEmbeddingFunction['encodeQuantized'],
  };
}
