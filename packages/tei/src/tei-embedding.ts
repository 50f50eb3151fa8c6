import {
  type BatchLimits,
  createEmbeddingFunction,
  decodeFloatVectors,
  encodedFloatVector,
  InvalidConfigError,
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
import { teiVersion } from './package-version.js';
import { mapTEIError } from './tei-error-mapping.js';
import { fetchTEIInfo, type TEIInfo } from './tei-info.js';
import { type TEIRuntimeOptions, type TEISettings, teiSettings } from './tei-settings.js';

const provider = 'tei';

/** `POST /embed` answers one float list per input, in input order. */
const embedResponse = z.array(encodedFloatVector);

/** Limits used until `/info` has been read: TEI's defaults. */
const defaultLimits = { maxClientBatchSize: 32, maxBatchTokens: 16_384 };

type MutableLimits = { -readonly [Key in keyof BatchLimits]: BatchLimits[Key] };

/** A TEI function plus what the server told it (after the first call). */
export interface TEIEmbeddingFunction extends ProviderEmbeddingFunction {
  /**
   * Reads `GET /info` now (once; later calls reuse it) and returns it: model id and the
   * per-request limits that batches are sized by. Every embedding call does this first.
   */
  serverInfo(options?: { signal?: AbortSignal }): Promise<TEIInfo>;
}

/**
 * An `EmbeddingFunction` for a Hugging Face Text Embeddings Inference server, through its native
 * `POST /embed`. At the first call it reads `GET /info` once and sizes every batch by the
 * server's `max_client_batch_size` and `max_batch_tokens` (and, without truncation, its
 * `max_input_length` per input), so no request is refused for its size; it also checks that the
 * server serves `model`. Queries and documents get their own `prompt_name` when configured. A
 * bearer token (`apiKeyEnv`) is read at each call and never stored.
 */
export function createTEI(
  options: TEISettings,
  runtime: TEIRuntimeOptions = {},
): TEIEmbeddingFunction {
  const settings = parseSettings(teiSettings, options, 'tei settings');
  const { model, dimensions, baseURL } = settings;
  const concurrency = settings.concurrency ?? 4;
  const retry = resolveRetry(settings);
  const token =
    settings.apiKeyEnv === undefined && runtime.apiKey === undefined
      ? undefined
      : apiKeySource({
          provider,
          displayName: 'TEI',
          envNames: [],
          apiKeyEnv: settings.apiKeyEnv,
          apiKey: runtime.apiKey,
          whereToGetOne:
            'It is the --api-key the server was started with, or a Hugging Face token for an Inference Endpoint.',
        });
  const post = createProviderPost({
    provider,
    packageName: '@embedkit/tei',
    version: teiVersion,
    baseURL,
    apiKey: token,
    dispatcher: runtime.dispatcher,
    connections: concurrency,
    mapError: (details) => mapTEIError(details, model),
  });

  const limits: MutableLimits = {
    maxInputsPerCall: Math.min(
      settings.maxInputsPerCall ?? defaultLimits.maxClientBatchSize,
      defaultLimits.maxClientBatchSize,
    ),
    maxTokensPerCall: settings.maxTokensPerCall ?? defaultLimits.maxBatchTokens,
    supportsParallelCalls: true,
    concurrency,
  };
  let info: Promise<TEIInfo> | undefined;
  const serverInfo = (signal?: AbortSignal): Promise<TEIInfo> => {
    info ??= fetchTEIInfo({
      baseURL,
      token: token?.require(),
      dispatcher: runtime.dispatcher,
      signal,
      authHint: token?.authHint ?? 'The server needs a token: set apiKeyEnv.',
    }).then(
      (served) => {
        if (served.model_id !== model) {
          throw new InvalidConfigError({
            subject: 'tei settings',
            issues: [
              {
                path: 'model',
                message: `the server at ${baseURL} serves "${served.model_id}", not "${model}"; set model to "${served.model_id}" or point baseURL at the server that serves ${model}`,
              },
            ],
          });
        }
        applyServerLimits(limits, served, settings);
        return served;
      },
      (error: unknown) => {
        info = undefined;
        throw error;
      },
    );
    return info;
  };

  const configSettings: Record<string, JsonValue | undefined> = {
    ...settings,
    model: undefined,
    maxRetries: undefined,
    retry,
  };
  let embedding: ProviderEmbeddingFunction | undefined;
  if (dimensions === undefined) {
    Object.defineProperty(configSettings, 'dimensions', {
      enumerable: true,
      get: () => (embedding && embedding.dim > 0 ? embedding.dim : undefined),
    });
  }
  const direction =
    settings.truncationDirection === undefined
      ? undefined
      : settings.truncationDirection === 'left'
        ? 'Left'
        : 'Right';

  embedding = createEmbeddingFunction({
    provider,
    model,
    dim: dimensions ?? 0,
    limits,
    settings: configSettings,
    spaceProperties: {
      normalized: settings.normalize ?? true,
      ...(settings.queryPromptName ? { queryPromptName: settings.queryPromptName } : {}),
      ...(settings.documentPromptName ? { documentPromptName: settings.documentPromptName } : {}),
      ...(settings.promptName ? { promptName: settings.promptName } : {}),
    },
    retry,
    timeoutMs: settings.timeoutMs,
    concurrency,
    rateLimit: settings.rateLimit,
    async embedBatch({ inputs, purpose, signal, headers }) {
      const promptName =
        purpose === 'query'
          ? (settings.queryPromptName ?? settings.promptName)
          : purpose === 'document'
            ? (settings.documentPromptName ?? settings.promptName)
            : settings.promptName;
      const body: Record<string, unknown> = { inputs };
      if (settings.truncate !== undefined) body.truncate = settings.truncate;
      if (direction !== undefined) body.truncation_direction = direction;
      if (promptName !== undefined) body.prompt_name = promptName;
      if (settings.normalize !== undefined) body.normalize = settings.normalize;
      if (dimensions !== undefined) body.dimensions = dimensions;
      const response = await post({ path: 'embed', body, schema: embedResponse, signal, headers });
      const { data } = response;
      const counted = Number(response.headers['x-compute-tokens']);
      const vectors = decodeFloatVectors(data, {
        provider,
        describe: (position) => `input ${position}`,
      });
      return {
        embeddings: vectors.map((vector, index) => ({ index, vector })),
        ...(Number.isFinite(counted) ? { tokens: counted } : {}),
      };
    },
  });
  return withServerInfo(embedding, serverInfo);
}

/**
 * Sizes batches by what the server accepts: `max_client_batch_size` inputs, `max_batch_tokens`
 * estimated tokens, and `max_input_length` per input unless inputs are truncated.
 */
function applyServerLimits(
  limits: MutableLimits,
  served: TEIInfo,
  settings: { maxInputsPerCall?: number; maxTokensPerCall?: number; truncate?: boolean },
): void {
  limits.maxInputsPerCall = Math.min(
    settings.maxInputsPerCall ?? served.max_client_batch_size,
    served.max_client_batch_size,
  );
  limits.maxTokensPerCall = Math.min(
    settings.maxTokensPerCall ?? served.max_batch_tokens,
    served.max_batch_tokens,
  );
  const truncates = settings.truncate ?? served.auto_truncate ?? false;
  limits.maxTokensPerInput = truncates ? undefined : served.max_input_length;
}

/** Makes every embedding call read `/info` first, so the limits are known before planning. */
function withServerInfo(
  embedding: ProviderEmbeddingFunction,
  serverInfo: (signal?: AbortSignal) => Promise<TEIInfo>,
): TEIEmbeddingFunction {
  const result = embedding as TEIEmbeddingFunction;
  const wrap = <Method extends (...args: never[]) => Promise<unknown>>(method: Method): Method =>
    (async (...args: Parameters<Method>) => {
      const options = args[1] as { signal?: AbortSignal } | undefined;
      await serverInfo(options?.signal);
      return method(...args);
    }) as unknown as Method;
  result.encodeDocuments = wrap(embedding.encodeDocuments);
  result.encodeQueries = wrap(embedding.encodeQueries);
  result.embed = wrap(embedding.embed);
  result.embedWithUsage = wrap(embedding.embedWithUsage);
  result.embedGroups = wrap(embedding.embedGroups);
  result.encodeDocumentGroups = wrap(embedding.encodeDocumentGroups);
  const resolveDim = embedding.resolveDim;
  result.resolveDim = async (options) => {
    await serverInfo(options?.signal);
    return resolveDim(options);
  };
  result.serverInfo = (options) => serverInfo(options?.signal);
  return result;
}
