import {
  type ConfigIssue,
  createEmbeddingFunction,
  type EmbedPurpose,
  InvalidConfigError,
  InvalidInputError,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import { createProviderPost, parseSettings, resolveRetry } from '@embedkit/core/provider';
import { geminiApiKey } from './gemini-api-key.js';
import { mapGeminiError } from './gemini-error-mapping.js';
import { estimateInputTokens, type GeminiInput, validateGeminiInputs } from './gemini-input.js';
import {
  type GeminiModelSpec,
  geminiModelId,
  geminiModelSpec,
  geminiServiceLimits,
  geminiTaskTypes,
} from './gemini-models.js';
import { buildBatchBody } from './gemini-request-body.js';
import { geminiBatchResponse, readGeminiVectors } from './gemini-response.js';
import type { GeminiRuntimeOptions } from './gemini-runtime-options.js';
import {
  type GeminiSettings,
  geminiDefaultBaseURL,
  geminiSettings,
  type ResolvedGeminiSettings,
} from './gemini-settings.js';
import { geminiVersion } from './package-version.js';

/** A Gemini embedding function: the core contract over `string | { text, title }` inputs. */
export type GeminiEmbeddingFunction = ProviderEmbeddingFunction<GeminiInput>;

/**
 * Creates a Gemini embedding function on `batchEmbedContents`. Settings (JSON, the registry's
 * schema) are validated and checked against a known model here; the key (`GEMINI_API_KEY`, then
 * `GOOGLE_API_KEY`, or `runtime.apiKey`) is read at the first call and sent as `x-goog-api-key`.
 * `encodeDocuments` embeds RETRIEVAL_DOCUMENT (with titles), `encodeQueries` RETRIEVAL_QUERY (or
 * `queryTaskType`); batches hold at most 100 inputs of at most 2048 tokens each.
 */
export function createGemini(
  settings: GeminiSettings = {},
  runtime: GeminiRuntimeOptions = {},
): GeminiEmbeddingFunction {
  const resolved = parseSettings(geminiSettings, settings, 'gemini settings');
  const model = geminiModelId(resolved.model);
  const spec = geminiModelSpec(model);
  const issues = spec ? checkAgainstModel(resolved, model, spec) : [];
  if (issues.length > 0) throw new InvalidConfigError({ subject: 'gemini settings', issues });

  const concurrency = resolved.concurrency ?? 4;
  const retry = resolveRetry(resolved);
  const apiKey = geminiApiKey({ apiKey: runtime.apiKey, apiKeyEnv: resolved.apiKeyEnv });
  const post = createProviderPost({
    provider: 'gemini',
    packageName: '@embedkit/gemini',
    version: geminiVersion,
    baseURL: resolved.baseURL,
    apiKey,
    authHeaders: (key) => ({ 'x-goog-api-key': key }),
    dispatcher: runtime.dispatcher,
    connections: concurrency,
    mapError: (details) => mapGeminiError(details, { model, authHint: apiKey.authHint }),
  });
  const fullDim = spec?.dim;
  const dim = resolved.dimensions ?? fullDim ?? 0;
  // The API normalises only the model's full size; anything shorter (or unknown) is scaled here.
  const normalizes = resolved.normalize && (fullDim === undefined || dim !== fullDim);

  const taskFor = (purpose: EmbedPurpose | undefined, override: string | undefined): string => {
    if (override !== undefined) {
      const allowed: readonly string[] = spec?.taskTypes ?? geminiTaskTypes;
      if (!allowed.includes(override)) {
        throw new InvalidInputError({
          message: `${model} takes task type ${allowed.join(', ')}, not "${override}".`,
        });
      }
      return override;
    }
    if (purpose === 'query') return resolved.queryTaskType ?? 'RETRIEVAL_QUERY';
    if (purpose === 'document') return 'RETRIEVAL_DOCUMENT';
    return resolved.taskType ?? 'RETRIEVAL_DOCUMENT';
  };

  return createEmbeddingFunction<GeminiInput>({
    provider: 'gemini',
    model,
    dim,
    limits: {
      ...geminiServiceLimits,
      maxTokensPerInput: spec?.maxTokensPerInput ?? geminiServiceLimits.maxTokensPerInput,
      supportsParallelCalls: true,
      concurrency,
    },
    settings: {
      taskType: resolved.taskType,
      queryTaskType: resolved.queryTaskType,
      dimensions: resolved.dimensions,
      normalize: resolved.normalize ? undefined : false,
      apiKeyEnv: resolved.apiKeyEnv,
      baseURL: resolved.baseURL === geminiDefaultBaseURL ? undefined : resolved.baseURL,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    spaceProperties: { normalized: resolved.normalize || dim === fullDim },
    estimateTokens: estimateInputTokens,
    validateInputs: (inputs, options) =>
      validateGeminiInputs(inputs, {
        allowEmpty: options.allowEmpty,
        taskType: taskFor((options as { purpose?: EmbedPurpose }).purpose, options.task),
      }),
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateLimit: resolved.rateLimit,
    async embedBatch(request) {
      const { data } = await post({
        path: `models/${encodeURIComponent(model)}:batchEmbedContents`,
        body: buildBatchBody({
          model,
          inputs: request.inputs,
          taskType: taskFor(request.purpose, request.task),
          dimensions: resolved.dimensions,
        }),
        schema: geminiBatchResponse,
        signal: request.signal,
        headers: request.headers,
      });
      return { embeddings: readGeminiVectors(data, model, normalizes) };
    },
  });
}

/** Settings a known model would refuse with 400, caught at construction with what it takes. */
function checkAgainstModel(
  settings: ResolvedGeminiSettings,
  model: string,
  spec: GeminiModelSpec,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { min, max } = spec.dimensions;
  if (
    settings.dimensions !== undefined &&
    (settings.dimensions < min || settings.dimensions > max)
  ) {
    issues.push({
      path: 'dimensions',
      message: `${model} produces ${min} to ${max} dimensions (Google recommends 768, 1536 or ${spec.dim}), not ${settings.dimensions}`,
    });
  }
  for (const key of ['taskType', 'queryTaskType'] as const) {
    const value = settings[key];
    if (value !== undefined && !spec.taskTypes.includes(value)) {
      issues.push({
        path: key,
        message: `${model} takes task type ${spec.taskTypes.join(', ')}, not "${value}"`,
      });
    }
  }
  return issues;
}
