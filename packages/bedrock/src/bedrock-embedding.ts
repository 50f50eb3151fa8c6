import {
  createEmbeddingFunction,
  InvalidConfigError,
  InvalidInputError,
  type JsonValue,
  type ProviderEmbeddingFunction,
  postJson,
  sharedDispatcher,
  userAgent,
  validateTextInputs,
} from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { bedrockCredentials } from './bedrock-credentials.js';
import { mapBedrockError } from './bedrock-error-mapping.js';
import { bedrockModelInfo } from './bedrock-models.js';
import { bedrockRequestBody, cohereInputType } from './bedrock-request-body.js';
import { bedrockResponseSchema, readBedrockVectors } from './bedrock-response.js';
import {
  type BedrockRuntimeOptions,
  type BedrockSettings,
  bedrockSettings,
} from './bedrock-settings.js';
import { signBedrockRequest } from './bedrock-signer.js';
import { bedrockVersion } from './package-version.js';

const provider = 'bedrock';

/**
 * An `EmbeddingFunction` for Amazon Bedrock's text embedding models through InvokeModel
 * (`POST /model/{modelId}/invoke`): Titan Text Embeddings v2 and v1 (one text per call, so a
 * batch is that many calls in parallel) and Cohere Embed v3 / v4 (up to 96 texts per call, with
 * `search_document` / `search_query` for documents and queries). Every request is signed with
 * SigV4 from the standard AWS credential chain, resolved at the first call; the region comes from
 * settings or `AWS_REGION`. `dim` is known without a call for every listed model.
 */
export function createBedrock(
  options: BedrockSettings = {},
  runtime: BedrockRuntimeOptions = {},
): ProviderEmbeddingFunction {
  const settings = parseSettings(bedrockSettings, options, 'bedrock settings');
  const { model } = settings;
  const info = bedrockModelInfo(model)!;
  const dim = settings.dimensions ?? info.dim;
  const embeddingType = settings.embeddingType ?? 'float';
  const concurrency = settings.concurrency ?? (info.maxInputsPerCall === 1 ? 8 : 4);
  const retry = resolveRetry(settings);
  const credentials = bedrockCredentials({
    credentials: runtime.credentials,
    profile: settings.profile,
  });
  const region = (): string => {
    const environment = runtime.environment ?? process.env;
    const found = settings.region ?? environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION;
    if (!found) {
      throw new InvalidConfigError({
        subject: 'bedrock settings',
        issues: [
          {
            path: 'region',
            message:
              'no AWS region: set region in the settings, or the AWS_REGION environment variable',
          },
        ],
      });
    }
    return found;
  };
  const dispatcher = runtime.dispatcher ?? sharedDispatcher(concurrency);
  const schema = bedrockResponseSchema(info);
  const truncates = settings.truncate !== undefined && settings.truncate !== 'NONE';

  return createEmbeddingFunction({
    provider,
    model,
    dim,
    limits: {
      maxInputsPerCall: Math.min(
        settings.maxInputsPerCall ?? info.maxInputsPerCall,
        info.maxInputsPerCall,
      ),
      maxTokensPerInput: truncates ? undefined : (settings.maxTokens ?? info.maxTokensPerInput),
      supportsParallelCalls: true,
      concurrency,
    },
    settings: { ...settings, model: undefined, maxRetries: undefined, retry } as Record<
      string,
      JsonValue | undefined
    >,
    spaceProperties: {
      normalized: embeddingType === 'float' && settings.normalize !== false,
      ...(embeddingType === 'float' ? {} : { embeddingType }),
      ...(settings.inputType && info.family.startsWith('cohere')
        ? { inputType: cohereInputType('default', settings.inputType) }
        : {}),
    },
    validateInputs: (inputs, embedOptions) => {
      validateTextInputs(inputs, embedOptions.allowEmpty);
      if (info.maxCharacters === undefined) return;
      const index = inputs.findIndex((text) => text.length > info.maxCharacters!);
      if (index !== -1) {
        throw new InvalidInputError({
          index,
          message: `Input ${index} has ${inputs[index]!.length} characters; ${model} takes at most ${info.maxCharacters} per text. Split it into shorter chunks; nothing was sent.`,
        });
      }
    },
    retry,
    timeoutMs: settings.timeoutMs,
    concurrency,
    rateLimit: settings.rateLimit,
    async embedBatch({ inputs, purpose, signal, headers }) {
      const where = region();
      const url = new URL(
        `${(settings.endpoint ?? `https://bedrock-runtime.${where}.amazonaws.com`).replace(/\/+$/, '')}/model/${encodeURIComponent(model)}/invoke`,
      );
      const body = bedrockRequestBody(info, inputs, purpose, settings);
      const identity = await credentials();
      const signed = await signBedrockRequest({
        url,
        body: JSON.stringify(body),
        region: where,
        credentials: identity,
      });
      const { host: _host, ...signedHeaders } = signed;
      const { data, headers: responseHeaders } = await postJson({
        url: url.toString(),
        body,
        headers: {
          'user-agent': userAgent('@embedkit/bedrock', bedrockVersion),
          ...headers,
          ...signedHeaders,
        },
        schema,
        provider,
        signal,
        dispatcher,
        secrets: [identity.secretAccessKey, identity.sessionToken],
        mapError: (details) => mapBedrockError(details, { model, region: where }),
      });
      const read = readBedrockVectors(info, data, embeddingType, dim);
      const counted = Number(responseHeaders['x-amzn-bedrock-input-token-count']);
      return {
        embeddings: read.embeddings,
        tokens: read.tokens ?? (Number.isFinite(counted) ? counted : undefined),
      };
    },
  });
}
