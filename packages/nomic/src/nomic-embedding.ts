import {
  type ConfigIssue,
  createEmbeddingFunction,
  type EmbedPurpose,
  InvalidConfigError,
  InvalidInputError,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import { createProviderPost, parseSettings, resolveRetry } from '@embedkit/core/provider';
import { nomicApiKey } from './nomic-api-key.js';
import { mapNomicError } from './nomic-error-mapping.js';
import {
  type NomicModelSpec,
  nomicModelSpec,
  nomicServiceLimits,
  nomicTaskTypes,
} from './nomic-models.js';
import { buildTextBody } from './nomic-request-body.js';
import { nomicTextResponse, readNomicVectors } from './nomic-response.js';
import type { NomicRuntimeOptions } from './nomic-runtime-options.js';
import {
  type NomicSettings,
  nomicDefaultBaseURL,
  nomicSettings,
  type ResolvedNomicSettings,
} from './nomic-settings.js';
import { nomicVersion } from './package-version.js';

/**
 * Creates a Nomic embedding function on Atlas's `POST /v1/embedding/text`. Settings (JSON, the
 * registry's schema) are validated and checked against a known model here; the key
 * (`NOMIC_API_KEY`, then `ATLAS_API_KEY`, or `runtime.apiKey`) is read at the first call.
 * `encodeDocuments` sends `search_document`, `encodeQueries` `search_query`; batches hold at most
 * 50 texts (the official client's batch size).
 */
export function createNomic(
  settings: NomicSettings = {},
  runtime: NomicRuntimeOptions = {},
): ProviderEmbeddingFunction {
  const resolved = parseSettings(nomicSettings, settings, 'nomic settings');
  const { model } = resolved;
  const spec = nomicModelSpec(model);
  const issues = spec ? checkAgainstModel(resolved, spec) : [];
  if (issues.length > 0) throw new InvalidConfigError({ subject: 'nomic settings', issues });

  const concurrency = resolved.concurrency ?? 4;
  const retry = resolveRetry(resolved);
  const apiKey = nomicApiKey({ apiKey: runtime.apiKey, apiKeyEnv: resolved.apiKeyEnv });
  const post = createProviderPost({
    provider: 'nomic',
    packageName: '@embedkit/nomic',
    version: nomicVersion,
    baseURL: resolved.baseURL,
    apiKey,
    dispatcher: runtime.dispatcher,
    connections: concurrency,
    mapError: (details) => mapNomicError(details, { model, authHint: apiKey.authHint }),
  });
  const taskFor = (purpose: EmbedPurpose, override: string | undefined): string => {
    if (override !== undefined) {
      if (!(nomicTaskTypes as readonly string[]).includes(override)) {
        throw new InvalidInputError({
          message: `nomic takes task ${nomicTaskTypes.join(', ')}, not "${override}".`,
        });
      }
      return override;
    }
    if (purpose === 'query') return 'search_query';
    if (purpose === 'document') return 'search_document';
    return resolved.taskType ?? 'search_document';
  };

  return createEmbeddingFunction({
    provider: 'nomic',
    model,
    dim: resolved.dimensions ?? spec?.dim ?? 0,
    limits: { ...nomicServiceLimits, supportsParallelCalls: true, concurrency },
    settings: {
      taskType: resolved.taskType,
      dimensions: resolved.dimensions,
      longTextMode: resolved.longTextMode,
      maxTokensPerText: resolved.maxTokensPerText,
      apiKeyEnv: resolved.apiKeyEnv,
      baseURL: resolved.baseURL === nomicDefaultBaseURL ? undefined : resolved.baseURL,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    // Long texts change the vector by how they are cut or averaged: part of the space.
    spaceProperties: {
      normalized: true,
      longTextMode: resolved.longTextMode,
      ...(resolved.maxTokensPerText ? { maxTokensPerText: resolved.maxTokensPerText } : {}),
    },
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateLimit: resolved.rateLimit,
    async embedBatch(request) {
      const { data } = await post({
        path: 'v1/embedding/text',
        body: buildTextBody({
          settings: resolved,
          spec,
          texts: request.inputs,
          taskType: taskFor(request.purpose, request.task),
        }),
        schema: nomicTextResponse,
        signal: request.signal,
        headers: request.headers,
      });
      return {
        embeddings: readNomicVectors(data, model),
        tokens: data.usage?.total_tokens ?? data.usage?.prompt_tokens,
      };
    },
  });
}

/** Settings a known model would refuse, caught at construction with what it takes. */
function checkAgainstModel(settings: ResolvedNomicSettings, spec: NomicModelSpec): ConfigIssue[] {
  if (settings.dimensions === undefined) return [];
  if (spec.dimensions === undefined) {
    return [
      {
        path: 'dimensions',
        message: `${settings.model} produces exactly ${spec.dim} dimensions (no dimensionality); remove dimensions, or use nomic-embed-text-v1.5 (64 to 768)`,
      },
    ];
  }
  const { min, max } = spec.dimensions;
  if (settings.dimensions < min || settings.dimensions > max) {
    return [
      {
        path: 'dimensions',
        message: `${settings.model} produces ${min} to ${max} dimensions (recommended 768, 512, 256, 128, 64), not ${settings.dimensions}`,
      },
    ];
  }
  return [];
}
