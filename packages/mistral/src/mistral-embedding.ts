import {
  type BatchLimits,
  type BatchRequest,
  type ConfigIssue,
  createEmbeddingFunction,
  InvalidConfigError,
  InvalidInputError,
  type ProviderEmbeddingFunction,
  RateBudget,
  validateTextInputs,
} from '@embedkit/core';
import { createProviderPost, parseSettings, resolveRetry } from '@embedkit/core/provider';
import { mistralApiKey } from './mistral-api-key.js';
import { mapMistralError } from './mistral-error-mapping.js';
import {
  type MistralModelSpec,
  type MistralQuantizedType,
  mistralModelSpec,
  mistralServiceLimits,
} from './mistral-models.js';
import {
  createMistralQuantizedOutputs,
  type MistralQuantizedOutputs,
} from './mistral-quantized-output.js';
import { buildEmbeddingsBody } from './mistral-request-body.js';
import {
  mistralEmbeddingResponse,
  readMistralTokens,
  readMistralVectors,
} from './mistral-response.js';
import type { MistralRuntimeOptions } from './mistral-runtime-options.js';
import {
  type MistralSettings,
  mistralDefaultBaseURL,
  mistralSettings,
  type ResolvedMistralSettings,
} from './mistral-settings.js';
import { mistralVersion } from './package-version.js';

/** A Mistral embedding function: the core contract plus codestral-embed's integer outputs. */
export interface MistralEmbeddingFunction
  extends ProviderEmbeddingFunction,
    MistralQuantizedOutputs {}

/**
 * Creates a Mistral embedding function on `POST /v1/embeddings`. Settings (JSON, the registry's
 * schema) are validated and checked against a known model here; the key (`MISTRAL_API_KEY`, then
 * `MISTRALAI_API_KEY`, or `runtime.apiKey`) is read at the first call. Mistral has no task types,
 * so `encodeDocuments` and `encodeQueries` send the same request. Batches stay within 512 inputs
 * and 16,384 estimated tokens; float vectors travel as base64 and decode into `Float32Array`.
 */
export function createMistral(
  settings: MistralSettings = {},
  runtime: MistralRuntimeOptions = {},
): MistralEmbeddingFunction {
  const resolved = parseSettings(mistralSettings, settings, 'mistral settings');
  const { model } = resolved;
  const spec = mistralModelSpec(model);
  const issues = spec ? checkAgainstModel(resolved, spec) : [];
  if (issues.length > 0) throw new InvalidConfigError({ subject: 'mistral settings', issues });

  const concurrency = resolved.concurrency ?? 4;
  const retry = resolveRetry(resolved);
  const rateBudget = resolved.rateLimit ? new RateBudget(resolved.rateLimit) : undefined;
  const apiKey = mistralApiKey({ apiKey: runtime.apiKey, apiKeyEnv: resolved.apiKeyEnv });
  const post = createProviderPost({
    provider: 'mistral',
    packageName: '@embedkit/mistral',
    version: mistralVersion,
    baseURL: resolved.baseURL,
    apiKey,
    dispatcher: runtime.dispatcher,
    connections: concurrency,
    mapError: (details) => mapMistralError(details, { model, authHint: apiKey.authHint }),
  });
  const limits: BatchLimits = {
    ...mistralServiceLimits,
    maxTokensPerInput: spec?.maxTokensPerInput ?? mistralServiceLimits.maxTokensPerInput,
    supportsParallelCalls: true,
    concurrency,
  };
  const dim = resolved.dimensions ?? spec?.dim ?? 0;
  const call = async (request: BatchRequest<string>, output: 'float' | MistralQuantizedType) => {
    const { data } = await post({
      path: 'embeddings',
      body: buildEmbeddingsBody({
        model,
        spec,
        inputs: request.inputs,
        dimensions: resolved.dimensions,
        output,
        encodingFormat: resolved.encodingFormat,
      }),
      schema: mistralEmbeddingResponse,
      signal: request.signal,
      headers: request.headers,
    });
    return data;
  };

  const base = createEmbeddingFunction({
    provider: 'mistral',
    model,
    dim,
    limits,
    settings: {
      dimensions: resolved.dimensions,
      encodingFormat: resolved.encodingFormat === 'base64' ? undefined : resolved.encodingFormat,
      apiKeyEnv: resolved.apiKeyEnv,
      baseURL: resolved.baseURL === mistralDefaultBaseURL ? undefined : resolved.baseURL,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    spaceProperties: { normalized: true },
    validateInputs(inputs, options) {
      // Mistral's models take no task: a per-call task would be silently ignored, so it is refused.
      if (options.task !== undefined) {
        throw new InvalidInputError({
          message: `${model} takes no task (Mistral has no task or input types), but the call asked for "${options.task}"; drop the task option.`,
        });
      }
      validateTextInputs(inputs, options.allowEmpty);
    },
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateBudget,
    async embedBatch(request) {
      const response = await call(request, 'float');
      return {
        embeddings: readMistralVectors(response, model),
        tokens: readMistralTokens(response),
      };
    },
  });
  return {
    ...base,
    get dim() {
      return base.dim;
    },
    get space() {
      return base.space;
    },
    ...createMistralQuantizedOutputs({
      model,
      spec,
      dim,
      limits,
      concurrency,
      retry,
      timeoutMs: resolved.timeoutMs,
      rateBudget,
      call,
    }),
  };
}

/** Settings a known model would refuse, caught at construction with what it takes. */
function checkAgainstModel(
  settings: ResolvedMistralSettings,
  spec: MistralModelSpec,
): ConfigIssue[] {
  if (settings.dimensions === undefined) return [];
  if (spec.dimensions === undefined) {
    return [
      {
        path: 'dimensions',
        message: `${settings.model} produces exactly ${spec.dim} dimensions (fixed, no output_dimension); remove dimensions, or use codestral-embed (1 to 3072)`,
      },
    ];
  }
  const { min, max } = spec.dimensions;
  if (settings.dimensions < min || settings.dimensions > max) {
    return [
      {
        path: 'dimensions',
        message: `${settings.model} produces ${min} to ${max} dimensions (default ${spec.dim}), not ${settings.dimensions}`,
      },
    ];
  }
  return [];
}
