import {
  type BatchLimits,
  createEmbeddingFunction,
  type EmbedPurpose,
  InvalidConfigError,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { mapAiSdkError } from './ai-sdk-error-mapping.js';
import type { AiSdkEmbeddingModel } from './ai-sdk-model.js';
import { type AiSdkEmbeddingSettings, aiSdkEmbeddingSettings } from './ai-sdk-settings.js';

/** Inputs per call when the model declares no cap of its own. */
export const aiSdkDefaultMaxInputsPerCall = 2048;

/**
 * Wraps an AI SDK embedding model (`openai.embedding(…)`, `cohere.textEmbeddingModel(…)`, any
 * v3 or v2 model) as an embedkit `EmbeddingFunction`: each batch core's runner plans is one
 * `doEmbed` call, so batching under the model's caps, pacing (`rateLimit`), retries, timeouts,
 * abort and order checks are done once, by core. The AI SDK's own retries live in `embed` /
 * `embedMany`, not in the model, so none happen underneath. Provider errors become core's typed
 * errors (`mapAiSdkError`). `toConfig()` records the model and these settings, never a key.
 */
export function fromAiSdk(
  model: AiSdkEmbeddingModel,
  settings: AiSdkEmbeddingSettings = {},
): ProviderEmbeddingFunction {
  const resolved = parseSettings(aiSdkEmbeddingSettings, settings, 'ai-sdk settings');
  const version = (model as { specificationVersion?: unknown }).specificationVersion;
  if (version !== 'v3' && version !== 'v2') {
    throw new InvalidConfigError({
      subject: 'ai-sdk model',
      issues: [
        {
          path: 'specificationVersion',
          message: `expected an AI SDK embedding model of specification v3 or v2, got ${JSON.stringify(version)}; pass a model such as openai.embedding('text-embedding-3-small') from a provider package for ai 5 or 6`,
        },
      ],
    });
  }
  // A model's `supportsParallelCalls: false` is a default of one call at a time; an explicit
  // `concurrency` overrides it, for providers whose flag is more cautious than their service.
  const declaredParallel =
    typeof model.supportsParallelCalls === 'boolean' ? model.supportsParallelCalls : true;
  const concurrency = resolved.concurrency ?? (declaredParallel ? 4 : 1);
  const parallel = concurrency > 1;
  const limits: BatchLimits = {
    maxInputsPerCall: maxInputsPerCall(model, resolved.maxInputsPerCall),
    maxTokensPerCall: resolved.maxTokensPerCall,
    maxTokensPerInput: resolved.maxTokensPerInput,
    supportsParallelCalls: parallel,
    concurrency,
  };
  const retry = resolveRetry(resolved);
  const provider = model.provider;
  const optionsFor = (purpose: EmbedPurpose) => resolved.providerOptions?.[purpose];

  return createEmbeddingFunction({
    provider: 'ai-sdk',
    model: model.modelId,
    dim: resolved.dimensions ?? 0,
    limits,
    family: `ai-sdk:${provider}`,
    settings: {
      aiSdkProvider: provider,
      dimensions: resolved.dimensions,
      maxInputsPerCall: resolved.maxInputsPerCall,
      maxTokensPerCall: resolved.maxTokensPerCall,
      maxTokensPerInput: resolved.maxTokensPerInput,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
      providerOptions: resolved.providerOptions,
    },
    // Provider options pick the model's task and output size, so they are part of the space.
    spaceProperties: resolved.providerOptions ? { providerOptions: resolved.providerOptions } : {},
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateLimit: resolved.rateLimit,
    async embedBatch(request) {
      let result: Awaited<ReturnType<AiSdkEmbeddingModel['doEmbed']>>;
      try {
        result = await model.doEmbed({
          values: [...request.inputs],
          abortSignal: request.signal,
          ...(request.headers ? { headers: request.headers } : {}),
          ...(optionsFor(request.purpose) ? { providerOptions: optionsFor(request.purpose) } : {}),
        });
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        throw mapAiSdkError(error, provider);
      }
      return {
        embeddings: result.embeddings.map((vector, index) => ({
          index,
          vector: Float32Array.from(vector),
        })),
        tokens: result.usage?.tokens,
      };
    },
  });
}

function maxInputsPerCall(model: AiSdkEmbeddingModel, configured: number | undefined): number {
  const declared = model.maxEmbeddingsPerCall;
  if (typeof declared === 'number' && Number.isFinite(declared)) {
    if (configured !== undefined && configured > declared) {
      throw new InvalidConfigError({
        subject: 'ai-sdk settings',
        issues: [
          {
            path: 'maxInputsPerCall',
            message: `${configured} is above the ${declared} inputs ${model.provider} accepts per call; set it to ${declared} or less`,
          },
        ],
      });
    }
    return configured ?? declared;
  }
  if (declared !== undefined && typeof declared !== 'number') {
    if (configured === undefined) {
      throw new InvalidConfigError({
        subject: 'ai-sdk settings',
        issues: [
          {
            path: 'maxInputsPerCall',
            message: `${model.provider} tells its inputs-per-call cap only asynchronously and embedkit plans batches before the first call; set maxInputsPerCall to the provider's documented cap`,
          },
        ],
      });
    }
  }
  return configured ?? aiSdkDefaultMaxInputsPerCall;
}
