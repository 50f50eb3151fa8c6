import {
  createEmbeddingFunction,
  estimateTokens as estimateTextTokens,
  type JsonValue,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import { createProviderPost, parseSettings, resolveRetry } from '@embedkit/core/provider';
import { resolveEndpoint } from './openai-endpoint.js';
import { mapOpenAIError } from './openai-error-mapping.js';
import { openaiModelInfo, openaiServiceLimits } from './openai-models.js';
import { openaiEmbeddingResponse, readEmbeddings, readTokens } from './openai-response.js';
import {
  type OpenAIRuntimeOptions,
  type OpenAISettings,
  openaiSettings,
} from './openai-settings.js';
import { openaiVersion } from './package-version.js';

const provider = 'openai';

/**
 * An `EmbeddingFunction` for the OpenAI embeddings API and everything that speaks it: OpenAI,
 * Azure OpenAI (`azure`), and local or hosted servers behind `baseURL`.
 *
 * The key (from the environment, or `runtime.apiKey`) is read at the first call, never at
 * construction; a dispatcher and a token estimator also go in `runtime`. Batching (2,048 inputs, 300,000
 * tokens per request), concurrency, retries and `Retry-After` are core's; this function only
 * shapes one request and reads one response. Query and document vectors are the same for OpenAI
 * models; `queryPrefix` / `documentPrefix` serve models that were trained with prefixes.
 */
export function createOpenAI(
  options: OpenAISettings = {},
  runtime: OpenAIRuntimeOptions = {},
): ProviderEmbeddingFunction {
  const { dispatcher, estimateTokens } = runtime;
  const settings = parseSettings(openaiSettings, options, 'openai settings');
  const { model, dimensions, encodingFormat, queryPrefix, documentPrefix } = settings;
  const info = openaiModelInfo(model);
  const sendsDimensions =
    dimensions !== undefined && (info ? info.acceptsDimensions : settings.sendDimensions === true);
  const dim = dimensions ?? info?.dim ?? 0;
  const concurrency = settings.concurrency ?? 4;

  const estimate = estimateTokens ?? estimateTextTokens;
  const prefixTokens = Math.max(
    queryPrefix ? estimate(queryPrefix) : 0,
    documentPrefix ? estimate(documentPrefix) : 0,
  );

  const retry = resolveRetry(settings);
  const configSettings: Record<string, JsonValue | undefined> = {
    ...settings,
    model: undefined,
    maxRetries: undefined,
    retry,
  };
  const endpoint = resolveEndpoint(settings, runtime);
  const post = createProviderPost({
    provider,
    packageName: '@embedkit/openai',
    version: openaiVersion,
    apiKey: endpoint.apiKey,
    requireKey: endpoint.requireKey,
    authHeaders: endpoint.authHeaders,
    dispatcher,
    connections: concurrency,
    mapError: (details) =>
      mapOpenAIError(details, {
        provider,
        model,
        authHint: endpoint.apiKey.authHint,
        azure: settings.azure !== undefined,
      }),
  });
  let embedding: ProviderEmbeddingFunction | undefined;
  if (!info && dimensions === undefined) {
    // An unknown model's length is learned by the first call; the config then records it as
    // `dimensions`, so a function rebuilt from it knows its length without probing again.
    Object.defineProperty(configSettings, 'dimensions', {
      enumerable: true,
      get: () => (embedding && embedding.dim > 0 ? embedding.dim : undefined),
    });
  }

  embedding = createEmbeddingFunction({
    provider,
    model,
    dim,
    limits: {
      maxInputsPerCall: settings.maxInputsPerCall ?? openaiServiceLimits.maxInputsPerCall,
      maxTokensPerCall: settings.maxTokensPerCall ?? openaiServiceLimits.maxTokensPerCall,
      maxTokensPerInput:
        settings.maxTokensPerInput ??
        info?.maxTokensPerInput ??
        openaiServiceLimits.maxTokensPerInput,
      supportsParallelCalls: true,
      concurrency,
    },
    settings: configSettings,
    spaceProperties: {
      ...(info ? { normalized: true } : {}),
      ...(queryPrefix ? { queryPrefix } : {}),
      ...(documentPrefix ? { documentPrefix } : {}),
    },
    estimateTokens: (text) => estimate(text) + prefixTokens,
    retry,
    timeoutMs: settings.timeoutMs,
    concurrency,
    rateLimit: settings.rateLimit,
    async embedBatch({ inputs, purpose, signal, headers }) {
      const prefix = purpose === 'query' ? queryPrefix : documentPrefix;
      const body: Record<string, unknown> = {
        model,
        input: prefix ? inputs.map((text) => prefix + text) : inputs,
        encoding_format: encodingFormat,
      };
      if (sendsDimensions) body.dimensions = dimensions;
      if (settings.user) body.user = settings.user;
      const { data } = await post({
        url: endpoint.url,
        body,
        headers: { ...headers, ...endpoint.headers },
        schema: openaiEmbeddingResponse,
        signal,
      });
      return { embeddings: readEmbeddings(data, provider), tokens: readTokens(data) };
    },
  });
  return embedding;
}
