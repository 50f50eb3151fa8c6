import {
  createEmbeddingFunction,
  decodeFloatVectors,
  encodedFloatVector,
  estimateTokens,
  type JsonValue,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import {
  apiKeySource,
  createProviderPost,
  parseSettings,
  resolveRetry,
} from '@embedkit/core/provider';
import { z } from 'zod';
import { mapOllamaError } from './ollama-error-mapping.js';
import { ollamaDefaultHost, ollamaHostURL } from './ollama-host.js';
import { ollamaModelInfo } from './ollama-models.js';
import {
  type OllamaRuntimeOptions,
  type OllamaSettings,
  ollamaSettings,
} from './ollama-settings.js';
import { ollamaVersion } from './package-version.js';

const provider = 'ollama';

const embedResponse = z.object({
  embeddings: z.array(encodedFloatVector),
  prompt_eval_count: z.number().optional(),
});

/**
 * An `EmbeddingFunction` for Ollama's native `POST /api/embed`. `dim` is known without a call:
 * from embedkit's table of Ollama's embedding models, or from `dimensions` (required for other
 * models). The server is `baseURL`, else `OLLAMA_HOST` (read at each call), else
 * `http://127.0.0.1:11434`. A model that is not pulled fails with the `ollama pull` command to run.
 * Queries and documents differ only by the optional prefixes (nomic-embed-text's
 * `search_query: ` / `search_document: `).
 */
export function createOllama(
  options: OllamaSettings = {},
  runtime: OllamaRuntimeOptions = {},
): ProviderEmbeddingFunction {
  const settings = parseSettings(ollamaSettings, options, 'ollama settings');
  const { model, dimensions, queryPrefix, documentPrefix } = settings;
  const info = ollamaModelInfo(model);
  const dim = dimensions ?? info!.dim;
  const concurrency = settings.concurrency ?? 2;
  const retry = resolveRetry(settings);
  const server = () =>
    (
      settings.baseURL ??
      ollamaHostURL((runtime.environment ?? process.env).OLLAMA_HOST) ??
      ollamaDefaultHost
    ).replace(/\/+$/, '');
  const key =
    settings.apiKeyEnv === undefined && runtime.apiKey === undefined
      ? undefined
      : apiKeySource({
          provider,
          displayName: 'Ollama',
          envNames: [],
          apiKeyEnv: settings.apiKeyEnv,
          apiKey: runtime.apiKey,
          whereToGetOne: 'ollama.com keys are at https://ollama.com/settings/keys.',
        });
  const post = createProviderPost({
    provider,
    packageName: '@embedkit/ollama',
    version: ollamaVersion,
    apiKey: key,
    dispatcher: runtime.dispatcher,
    connections: concurrency,
  });
  const prefixTokens = Math.max(
    queryPrefix ? estimateTokens(queryPrefix) : 0,
    documentPrefix ? estimateTokens(documentPrefix) : 0,
  );
  const truncates = settings.truncate !== false;
  return createEmbeddingFunction({
    provider,
    model,
    dim,
    limits: {
      maxInputsPerCall: settings.maxInputsPerCall ?? 128,
      maxTokensPerCall: settings.maxTokensPerCall,
      maxTokensPerInput: truncates ? undefined : info?.contextLength,
      supportsParallelCalls: true,
      concurrency,
    },
    settings: { ...settings, model: undefined, maxRetries: undefined, retry } as Record<
      string,
      JsonValue | undefined
    >,
    spaceProperties: {
      normalized: true,
      ...(queryPrefix ? { queryPrefix } : {}),
      ...(documentPrefix ? { documentPrefix } : {}),
    },
    estimateTokens: (text) => estimateTokens(text) + prefixTokens,
    retry,
    timeoutMs: settings.timeoutMs ?? 120_000,
    concurrency,
    rateLimit: settings.rateLimit,
    async embedBatch({ inputs, purpose, signal, headers }) {
      const prefix = purpose === 'query' ? queryPrefix : documentPrefix;
      const body: Record<string, unknown> = {
        model,
        input: prefix ? inputs.map((text) => prefix + text) : inputs,
      };
      if (settings.truncate !== undefined) body.truncate = settings.truncate;
      if (dimensions !== undefined) body.dimensions = dimensions;
      if (settings.keepAlive !== undefined) body.keep_alive = settings.keepAlive;
      if (settings.options !== undefined) body.options = settings.options;
      const root = server();
      const { data } = await post({
        url: `${root}/api/embed`,
        body,
        schema: embedResponse,
        signal,
        headers,
        mapError: (details) => mapOllamaError(details, { model, url: root }),
      });
      const vectors = decodeFloatVectors(data.embeddings, {
        provider,
        describe: (position) => `input ${position}`,
      });
      return {
        embeddings: vectors.map((vector, index) => ({ index, vector })),
        tokens: data.prompt_eval_count,
      };
    },
  });
}
