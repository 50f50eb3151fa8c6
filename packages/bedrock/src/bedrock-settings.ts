import { rateLimitSettings } from '@embedkit/core';
import { retryFields } from '@embedkit/core/provider';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { BedrockCredentialSource } from './bedrock-credentials.js';
import { bedrockModelInfo, bedrockModels } from './bedrock-models.js';

const settingsShape = {
  /** Model id (or a cross-region inference profile such as `us.cohere.embed-v4:0`). */
  model: z.string().min(1).default('amazon.titan-embed-text-v2:0'),
  /** AWS region, e.g. `us-east-1`. Default: `AWS_REGION`, then `AWS_DEFAULT_REGION`, read at the first call. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected a region such as us-east-1')
    .optional(),
  /**
   * Where requests go instead of `https://bedrock-runtime.{region}.amazonaws.com`: a VPC
   * endpoint, a proxy, or a simulator. Requests are still signed for `region`.
   */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  /** Shared config/credentials profile to use instead of `AWS_PROFILE` / `default`. */
  profile: z.string().min(1).optional(),
  /** Shorter vectors: Titan v2 256/512/1024 (`dimensions`), Cohere v4 256/512/1024/1536 (`output_dimension`). */
  dimensions: z.number().int().positive().optional(),
  /** Titan v2 `normalize`. Default true (the model's default); sent only when set. */
  normalize: z.boolean().optional(),
  /**
   * Output type, decoded into `Float32Array`s: `float`; Titan v2 `binary` (0/1 per dimension);
   * Cohere `int8`, `uint8` (integers per dimension), `binary`, `ubinary` (packed sign bits,
   * unpacked to 0/1 per dimension). Recorded in the embedding space.
   */
  embeddingType: z.enum(['float', 'binary', 'int8', 'uint8', 'ubinary']).optional(),
  /** Cohere `truncate`: v3 `NONE` / `START` / `END`, v4 `NONE` / `LEFT` / `RIGHT`. Default `NONE` (refuse). */
  truncate: z.enum(['NONE', 'START', 'END', 'LEFT', 'RIGHT']).optional(),
  /** Cohere `input_type` for `embed()`; `encodeDocuments` / `encodeQueries` use search_document / search_query. */
  inputType: z.enum(['search_document', 'search_query', 'classification', 'clustering']).optional(),
  /** Cohere v4 `max_tokens`: tokens per input before truncation. */
  maxTokens: z.number().int().min(1).max(128_000).optional(),
  /** Texts per call, at most the model's (Cohere 96; Titan always 1). */
  maxInputsPerCall: z.number().int().min(1).max(96).optional(),
  /** Calls in flight at once. Default 8 for Titan (one text per call), 4 for Cohere. */
  concurrency: z.number().int().min(1).max(128).optional(),
  ...retryFields,
  /** Per-attempt timeout in milliseconds. Default 60,000. */
  timeoutMs: z.number().int().positive().optional(),
  /** Your account's quotas for the model (requests and tokens per minute), to pace under them. */
  rateLimit: rateLimitSettings.optional(),
};

type SettingsData = z.infer<z.ZodObject<typeof settingsShape>>;

function checkAgainstModel(settings: SettingsData, context: z.RefinementCtx) {
  const info = bedrockModelInfo(settings.model);
  const issue = (path: string, message: string) =>
    context.addIssue({ code: 'custom', path: [path], message });
  if (!info) {
    issue(
      'model',
      `embedkit does not know the request format of ${settings.model}; use one of ${Object.keys(bedrockModels).join(', ')}`,
    );
    return;
  }
  const name = settings.model;
  if (settings.dimensions !== undefined && !info.dimensions.includes(settings.dimensions)) {
    issue(
      'dimensions',
      info.dimensions.length === 0
        ? `${name} always returns ${info.dim} dimensions; remove dimensions`
        : `${name} accepts dimensions ${info.dimensions.join(', ')}, not ${settings.dimensions}`,
    );
  }
  if (settings.normalize !== undefined && info.family !== 'titan-v2') {
    issue('normalize', `${name} does not take normalize (only Titan Text Embeddings v2 does)`);
  }
  if (
    settings.embeddingType !== undefined &&
    !info.embeddingTypes.includes(settings.embeddingType)
  ) {
    issue(
      'embeddingType',
      `${name} returns ${info.embeddingTypes.join(', ')} embeddings, not ${settings.embeddingType}`,
    );
  }
  if (settings.truncate !== undefined && !info.truncate.includes(settings.truncate)) {
    issue(
      'truncate',
      info.truncate.length === 0
        ? `${name} does not take truncate (Titan refuses over-long inputs)`
        : `${name} takes truncate ${info.truncate.join(', ')}, not ${settings.truncate}`,
    );
  }
  if (settings.inputType !== undefined && !info.family.startsWith('cohere')) {
    issue('inputType', `${name} has no input types (only Cohere Embed models do)`);
  }
  if (settings.maxTokens !== undefined && info.family !== 'cohere-v4') {
    issue('maxTokens', `${name} does not take max_tokens (only Cohere Embed v4 does)`);
  }
}

/**
 * Settings of `createBedrock`, and the registry's config schema: JSON only and secret-free
 * (credentials come from the AWS chain or the second argument), checked against the model so a
 * request never carries a field the model refuses.
 */
export const bedrockSettings = z.object(settingsShape).strict().superRefine(checkAgainstModel);

export type BedrockSettings = z.input<typeof bedrockSettings>;

/** What only code can pass to `createBedrock`; never in `toConfig()`. */
export interface BedrockRuntimeOptions {
  /**
   * Credentials or a provider of them (`fromIni`, `fromTemporaryCredentials`, …). Default: the
   * standard chain (`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`,
   * `AWS_PROFILE` and the shared files, SSO, web identity, container and instance roles),
   * resolved at the first call. Never stored, logged or put in an error.
   */
  credentials?: BedrockCredentialSource;
  /** An undici dispatcher (proxy, test pool). */
  dispatcher?: Dispatcher;
  /** Where `AWS_REGION` / `AWS_DEFAULT_REGION` are read from; `process.env` by default. */
  environment?: NodeJS.ProcessEnv;
}
