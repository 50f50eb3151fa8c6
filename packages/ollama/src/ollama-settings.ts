import { type JsonValue, rateLimitSettings } from '@embedkit/core';
import { apiKeyEnvSetting, retryFields } from '@embedkit/core/provider';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { ollamaModelInfo } from './ollama-models.js';

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const settingsShape = {
  /** Model name as pulled (`nomic-embed-text`, `bge-m3:567m`, …). */
  model: z.string().min(1).default('nomic-embed-text'),
  /**
   * The server, e.g. `http://gpu-box:11434`. Default: `OLLAMA_HOST` read at each call (as the
   * `ollama` CLI reads it), else `http://127.0.0.1:11434`.
   */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Vector length, sent as `dimensions` (Ollama keeps the first N values and renormalises).
   * Required for a model not in embedkit's table; at most the model's length for one that is.
   */
  dimensions: z.number().int().positive().optional(),
  /** `truncate`: cut inputs longer than the context (Ollama's default) or refuse them (false). */
  truncate: z.boolean().optional(),
  /** `keep_alive`: how long the model stays loaded, e.g. `"10m"`, `"1h"`, `0`, `-1`. */
  keepAlive: z
    .union([
      z.string().regex(/^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/, 'expected a duration such as "5m"'),
      z.number(),
    ])
    .optional(),
  /** `options`: Modelfile parameters, e.g. `{ num_ctx: 8192 }`. */
  options: z.record(z.string(), jsonValue).optional(),
  /** Prepended to every query by `encodeQueries` (`search_query: ` for nomic-embed-text). */
  queryPrefix: z.string().optional(),
  /** Prepended to every document by `encodeDocuments` and `embed` (`search_document: `). */
  documentPrefix: z.string().optional(),
  /**
   * Environment variable holding a bearer key, for ollama.com (`OLLAMA_API_KEY`) or an
   * authenticating proxy. Without it nothing is sent, as a local server needs nothing.
   */
  apiKeyEnv: apiKeyEnvSetting.optional(),
  /** Inputs per request. Default 128 (Ollama publishes no cap). */
  maxInputsPerCall: z.number().int().min(1).max(4096).optional(),
  /** Estimated tokens per request. Default none. */
  maxTokensPerCall: z.number().int().positive().optional(),
  /** Requests in flight at once. Default 2 (Ollama's parallel requests per model are few). */
  concurrency: z.number().int().min(1).max(64).optional(),
  ...retryFields,
  /** Per-attempt timeout in milliseconds; the first call may load the model. Default 120,000. */
  timeoutMs: z.number().int().positive().optional(),
  /** A gateway's (or ollama.com's) limits, to pace requests under them. */
  rateLimit: rateLimitSettings.optional(),
};

/**
 * Settings of `createOllama`, and the registry's config schema: JSON only and secret-free.
 * `dimensions` is checked against the model table: required for an unknown model (so `dim` is
 * always known without a call), at most the model's length for a known one (Ollama silently
 * returns the full length for a larger value).
 */
export const ollamaSettings = z
  .object(settingsShape)
  .strict()
  .superRefine((settings, context) => {
    const info = ollamaModelInfo(settings.model);
    if (!info && settings.dimensions === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: `embedkit does not know the length of ${settings.model}'s vectors; set dimensions (its embedding length, shown by \`ollama show ${settings.model}\`)`,
      });
    }
    if (info && settings.dimensions !== undefined && settings.dimensions > info.dim) {
      context.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: `${settings.model} returns at most ${info.dim} dimensions, ${settings.dimensions} were asked for; use 1 to ${info.dim}`,
      });
    }
  });

export type OllamaSettings = z.input<typeof ollamaSettings>;

/** What only code can pass to `createOllama`; never in `toConfig()`. */
export interface OllamaRuntimeOptions {
  /** A literal bearer key (ollama.com); prefer `apiKeyEnv`. Never stored or logged. */
  apiKey?: string;
  /** An undici dispatcher (proxy, test pool). */
  dispatcher?: Dispatcher;
  /** Where `OLLAMA_HOST` is read from; `process.env` by default. */
  environment?: NodeJS.ProcessEnv;
}
