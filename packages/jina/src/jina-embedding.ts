import {
  type BatchLimits,
  type BatchRequest,
  createEmbeddingFunction,
  type EmbedOptions,
  InvalidConfigError,
  InvalidInputError,
  NotSupportedError,
  type ProviderEmbeddingFunction,
  RateBudget,
} from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { checkSettingsAgainstModel } from './jina-check-settings.js';
import { createJinaPost } from './jina-client.js';
import { jinaDefaultBaseURL } from './jina-connection-settings.js';
import { createJinaExtraOutputs, type JinaExtraOutputs } from './jina-extra-outputs.js';
import {
  estimateInputTokens,
  inputKind,
  type JinaInput,
  validateJinaInputs,
} from './jina-input.js';
import { embedLateChunkedDocuments } from './jina-late-chunking.js';
import { jinaDefaultMaxInputsPerCall, jinaModelSpec } from './jina-models.js';
import { buildEmbeddingBody, type JinaRequestPlan } from './jina-request-body.js';
import { decodeResponseVectors, jinaEmbeddingResponse } from './jina-response.js';
import type { JinaRuntimeOptions } from './jina-runtime-options.js';
import { type JinaSettings, jinaSettings } from './jina-settings.js';
import { renameTooLong } from './jina-too-long-hint.js';

/**
 * Tokens per request embedkit packs at most (Jina documents no per-request budget; this keeps
 * request bodies and per-request latency reasonable and spreads work over concurrent calls).
 */
export const jinaMaxTokensPerCall = 131_072;

/** A Jina embedding function: the core contract plus late chunking, multi-vector and packed output. */
export interface JinaEmbeddingFunction
  extends ProviderEmbeddingFunction<JinaInput>,
    JinaExtraOutputs {
  /**
   * Embeds many documents, each a list of chunks. With `lateChunking` on, each document is one
   * request (never split, never merged) and requests run concurrently, so every chunk's vector
   * sees its whole document; with it off, chunks are batched like any inputs. Returns one vector
   * list per document, in order.
   */
  encodeDocumentGroups(
    documents: readonly (readonly JinaInput[])[],
    options?: EmbedOptions,
  ): Promise<Float32Array[][]>;
}

/**
 * Creates a Jina embedding function. Settings (JSON, the registry's schema) are validated and
 * checked against the model here; the key (from the environment, or `runtime.apiKey`) is read at
 * the first call. Every request carries exactly the fields the model accepts, float vectors
 * travel as base64 and decode straight into `Float32Array`.
 */
export function createJina(
  settings: JinaSettings = {},
  runtime: JinaRuntimeOptions = {},
): JinaEmbeddingFunction {
  const resolved = parseSettings(jinaSettings, settings, 'jina settings');
  const { model } = resolved;
  const spec = jinaModelSpec(model);
  const issues = spec ? checkSettingsAgainstModel(resolved, spec) : [];
  if (issues.length > 0) throw new InvalidConfigError({ subject: 'jina settings', issues });

  const concurrency = resolved.concurrency ?? 5;
  const rateBudget = resolved.rateLimit ? new RateBudget(resolved.rateLimit) : undefined;
  const post = createJinaPost({
    baseURL: resolved.baseURL,
    apiKey: runtime.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: runtime.dispatcher,
    connections: concurrency,
  });
  const limits: BatchLimits = {
    maxInputsPerCall: Math.min(
      spec?.maxInputsPerCall ?? jinaDefaultMaxInputsPerCall,
      resolved.maxInputsPerCall ?? Number.POSITIVE_INFINITY,
    ),
    maxTokensPerCall: jinaMaxTokensPerCall,
    maxTokensPerInput: spec?.maxTokensPerInput,
    supportsParallelCalls: true,
    concurrency,
  };
  const retry = resolveRetry(resolved);
  const callEmbeddings = (request: BatchRequest<JinaInput>, output: JinaRequestPlan['output']) =>
    post({
      path: 'embeddings',
      body: buildEmbeddingBody({
        settings: resolved,
        spec,
        inputs: request.inputs,
        purpose: request.purpose,
        task: request.task,
        // One atomic call is one document (core sends documents alone under late chunking);
        // media inputs are never late-chunked.
        lateChunking:
          resolved.lateChunking &&
          request.atomic === true &&
          request.purpose !== 'query' &&
          request.inputs.every((input) => inputKind(input) === 'text'),
        output,
      }),
      schema: jinaEmbeddingResponse,
      signal: request.signal,
      headers: request.headers,
      model,
    });

  const base = createEmbeddingFunction<JinaInput>({
    provider: 'jina',
    model,
    dim: resolved.dimensions ?? spec?.dim ?? 0,
    limits,
    chunkContext: resolved.lateChunking ? 'document' : 'none',
    settings: {
      task: resolved.task,
      dimensions: resolved.dimensions,
      lateChunking: resolved.lateChunking,
      normalized: resolved.normalized,
      embeddingType: resolved.embeddingType,
      truncate: resolved.truncate,
      baseURL: resolved.baseURL === jinaDefaultBaseURL ? undefined : resolved.baseURL,
      apiKeyEnv: resolved.apiKeyEnv,
      concurrency: resolved.concurrency,
      maxInputsPerCall: resolved.maxInputsPerCall,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    spaceProperties: { normalized: resolved.normalized ?? true },
    estimateTokens: estimateInputTokens,
    validateInputs: (inputs, options) =>
      validateJinaInputs(inputs, model, spec, options.allowEmpty),
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateBudget,
    async embedBatch(request) {
      if (spec?.multivector === 'only') {
        throw new NotSupportedError({
          message: `${model} returns one vector per token, not one per input; use encodeMultivector.`,
        });
      }
      const response = await callEmbeddings(request, 'float');
      return {
        embeddings: decodeResponseVectors(response, model),
        tokens: response.usage?.total_tokens,
      };
    },
  });

  const lateChunking = {
    model,
    spec,
    truncate: resolved.truncate === true,
    maxChunksPerDocument: limits.maxInputsPerCall,
    base,
  };
  const named = async <Result>(call: () => Promise<Result>): Promise<Result> => {
    try {
      return await call();
    } catch (error) {
      throw renameTooLong(error, model, spec);
    }
  };

  return {
    ...base,
    get dim() {
      return base.dim;
    },
    get space() {
      return base.space;
    },
    encodeDocuments: (inputs, options) => named(() => base.encodeDocuments(inputs, options)),
    encodeQueries: (inputs, options) => named(() => base.encodeQueries(inputs, options)),
    embed: (inputs, options) => named(() => base.embed(inputs, options)),
    embedWithUsage: (inputs, options) => named(() => base.embedWithUsage(inputs, options)),
    async encodeDocumentGroups(documents, options) {
      if (!Array.isArray(documents)) {
        throw new InvalidInputError({
          message: 'Expected an array of documents, each an array of chunks.',
        });
      }
      for (const [index, chunks] of documents.entries()) {
        try {
          validateJinaInputs(chunks, model, spec, options?.allowEmpty);
        } catch (error) {
          throw new InvalidInputError({
            message: `Document ${index}: ${(error as Error).message}`,
            index,
            cause: error,
          });
        }
      }
      if (resolved.lateChunking) {
        return (await embedLateChunkedDocuments(lateChunking, documents, options)).groups;
      }
      return named(() => base.encodeDocumentGroups(documents, options));
    },
    ...createJinaExtraOutputs({
      model,
      spec,
      dimensions: resolved.dimensions,
      limits,
      concurrency,
      retry,
      timeoutMs: resolved.timeoutMs,
      rateBudget,
      callEmbeddings,
    }),
  };
}
