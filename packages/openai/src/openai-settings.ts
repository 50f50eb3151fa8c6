import { rateLimitSettings, type TokenEstimator } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { openaiModelInfo } from './openai-models.js';

/** Azure OpenAI mode: requests go to a deployment of one resource, keyed by `api-key`. */
export const azureSettings = z
  .object({
    /** The resource endpoint, e.g. `https://my-resource.openai.azure.com`. */
    endpoint: z.url({ protocol: /^https?$/ }),
    /** The deployment name; defaults to the model id (deployments are often named after it). */
    deployment: z.string().min(1).optional(),
    /** The `api-version` query parameter. */
    apiVersion: z.string().min(1).default('2024-10-21'),
  })
  .strict();

const settingsShape = {
  /** Model id. Known OpenAI models need no call to learn their dimension; others are accepted. */
  model: z.string().min(1).default('text-embedding-3-small'),
  /**
   * Shorter vectors from models that support it (text-embedding-3-*), sent as `dimensions`. For a
   * model embedkit does not know, it declares the vector length (so no probe call is needed) and
   * is sent only with `sendDimensions: true`.
   */
  dimensions: z.number().int().positive().optional(),
  /**
   * Send `dimensions` for a model embedkit does not know (a compatible server's Matryoshka
   * model). Off by default, because many servers refuse fields they do not implement.
   */
  sendDimensions: z.boolean().optional(),
  /** Environment variable holding the key; `OPENAI_API_KEY` (Azure: `AZURE_OPENAI_API_KEY`). */
  apiKeyEnv: apiKeyEnvSetting.optional(),
  /** Where `/embeddings` lives; point it at Ollama, vLLM, LM Studio, TEI, Together, Mistral… */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  /** Sent as `OpenAI-Organization`. */
  organization: z.string().min(1).optional(),
  /** Sent as `OpenAI-Project`. */
  project: z.string().min(1).optional(),
  /** Switches to Azure OpenAI: deployment URL, `api-version`, `api-key` header. */
  azure: azureSettings.optional(),
  /** Transport encoding; `base64` is about a quarter of the bytes and decodes without parsing. */
  encodingFormat: z.enum(['base64', 'float']).default('base64'),
  /** End-user id sent as `user`, for the provider's abuse monitoring. */
  user: z.string().min(1).optional(),
  /** Prepended to every query by `encodeQueries`, for models trained with one (`query: `). */
  queryPrefix: z.string().optional(),
  /** Prepended to every document by `encodeDocuments` and `embed` (`passage: `). */
  documentPrefix: z.string().optional(),
  /** Calls in flight at once. Default 4. */
  concurrency: z.number().int().min(1).max(64).optional(),
  /**
   * Retries per batch for retryable failures and backoff: `{ maxRetries, baseDelayMs,
   * maxDelayMs, maxRetryAfterMs }` (default 6 retries). The deprecated top-level `maxRetries`
   * means `retry.maxRetries`.
   */
  ...retryFields,
  /** Per-attempt timeout in milliseconds. Default 60,000. */
  timeoutMs: z.number().int().positive().optional(),
  /** Inputs per request; lower it for servers that take fewer than OpenAI's 2,048. */
  maxInputsPerCall: z.number().int().min(1).max(2048).optional(),
  /** Estimated tokens per request; OpenAI's limit is 300,000. */
  maxTokensPerCall: z.number().int().positive().optional(),
  /** Tokens one input may have; OpenAI's limit is 8,192. */
  maxTokensPerInput: z.number().int().positive().optional(),
  /**
   * Your organisation's published limits for the model (RPM and TPM on your tier's limits
   * page): every call of this function waits for room in a client-side window, so requests stay
   * under them instead of meeting 429s. Shared by every call of this function; other functions
   * on the same key are not counted.
   */
  rateLimit: rateLimitSettings.optional(),
};

type SettingsData = z.infer<z.ZodObject<typeof settingsShape>>;

/** Checks that need several fields at once: `dimensions` against the model, Azure vs baseURL. */
function checkCombinations(settings: SettingsData, context: z.RefinementCtx) {
  const info = openaiModelInfo(settings.model);
  if (info && settings.dimensions !== undefined) {
    if (!info.acceptsDimensions) {
      context.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: `${settings.model} does not accept dimensions (it always returns ${info.dim}); remove the setting or use text-embedding-3-small / text-embedding-3-large`,
      });
    } else if (settings.dimensions > info.dim) {
      context.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: `${settings.model} returns at most ${info.dim} dimensions, ${settings.dimensions} were asked for; use 1 to ${info.dim}`,
      });
    }
  }
  if (settings.azure && settings.baseURL) {
    context.addIssue({
      code: 'custom',
      path: ['baseURL'],
      message: 'baseURL and azure exclude each other; in Azure mode set azure.endpoint instead',
    });
  }
}

/**
 * Settings of `createOpenAI`, validated once in the factory, and the registry's config schema:
 * JSON only and secret-free (a literal key, a dispatcher and a token estimator go in the second
 * argument), so a config file can never hold the key.
 */
export const openaiSettings = z.object(settingsShape).strict().superRefine(checkCombinations);

/** @deprecated The settings schema is the config schema now; use `openaiSettings`. */
export const openaiConfigSchema = openaiSettings;

export type OpenAISettings = z.input<typeof openaiSettings>;
/** @deprecated Same as `OpenAISettings`. */
export type OpenAIConfig = OpenAISettings;
export type AzureSettings = z.input<typeof azureSettings>;

/** What only code can pass to `createOpenAI`, as its second argument; never in `toConfig()`. */
export interface OpenAIRuntimeOptions {
  /** A literal API key; prefer the environment (read at the first call). Never stored or logged. */
  apiKey?: string;
  /** A custom undici dispatcher (proxy, test pool); the shared keep-alive pool otherwise. */
  dispatcher?: Dispatcher;
  /** Tokens per input for batch planning, e.g. an exact tiktoken count; core's estimate otherwise. */
  estimateTokens?: TokenEstimator;
}
