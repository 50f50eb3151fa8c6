import {
  type BatchLimits,
  type BatchRequest,
  createEmbeddingFunction,
  type EmbedOptions,
  type EmbedPurpose,
  InvalidConfigError,
  InvalidInputError,
  NotSupportedError,
  type ProviderEmbeddingFunction,
  RateBudget,
  zodIssues,
} from '@embedkit/core';
import { checkSettingsAgainstModel } from './jina-check-settings.js';
import { createJinaPost } from './jina-client.js';
import { jinaDefaultBaseURL } from './jina-connection-settings.js';
import { createJinaExtraOutputs, type JinaExtraOutputs } from './jina-extra-outputs.js';
import { estimateInputTokens, type JinaInput, validateJinaInputs } from './jina-input.js';
import { embedLateChunkedDocuments } from './jina-late-chunking.js';
import { jinaModelSpec } from './jina-models.js';
import { buildEmbeddingBody, type JinaRequestPlan } from './jina-request-body.js';
import { decodeResponseVectors, jinaEmbeddingResponse } from './jina-response.js';
import { type JinaSettings, jinaSettings } from './jina-settings.js';

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
   * request (never split, never merged) and requests run concurrently; with it off, chunks are
   * batched like any inputs. Returns one vector list per document, in order.
   */
  encodeDocumentGroups(
    documents: readonly (readonly JinaInput[])[],
    options?: EmbedOptions,
  ): Promise<Float32Array[][]>;
}

/**
 * Creates a Jina embedding function. Settings are validated (and checked against the model)
 * here; the API key is read at the first call. Every request carries exactly the fields the
 * model accepts, float vectors travel as base64 and decode straight into `Float32Array`.
 */
export function createJina(settings: JinaSettings = {}): JinaEmbeddingFunction {
  const parsed = jinaSettings.safeParse(settings);
  if (!parsed.success) {
    throw new InvalidConfigError({ subject: 'jina settings', issues: zodIssues(parsed.error) });
  }
  const resolved = parsed.data;
  const { model } = resolved;
  const spec = jinaModelSpec(model);
  const issues = spec ? checkSettingsAgainstModel(resolved, spec) : [];
  if (issues.length > 0) throw new InvalidConfigError({ subject: 'jina settings', issues });

  const concurrency = resolved.concurrency ?? 5;
  const rateBudget = resolved.rateLimit ? new RateBudget(resolved.rateLimit) : undefined;
  const post = createJinaPost({
    baseURL: resolved.baseURL,
    apiKey: resolved.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: resolved.dispatcher,
    connections: concurrency,
  });
  const limits: BatchLimits = {
    maxInputsPerCall: 2048,
    maxTokensPerCall: jinaMaxTokensPerCall,
    maxTokensPerInput: spec?.maxTokensPerInput,
    supportsParallelCalls: true,
    concurrency,
  };
  const retry = {
    ...resolved.retry,
    ...(resolved.maxRetries === undefined ? {} : { maxRetries: resolved.maxRetries }),
  };
  const callEmbeddings = (request: BatchRequest<JinaInput>, output: JinaRequestPlan['output']) =>
    post({
      path: 'embeddings',
      body: buildEmbeddingBody({
        settings: resolved,
        spec,
        inputs: request.inputs,
        purpose: request.purpose,
        task: request.task,
        lateChunking: resolved.lateChunking && request.atomic && request.purpose !== 'query',
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
      maxRetries: resolved.maxRetries,
      timeoutMs: resolved.timeoutMs,
      retry: resolved.retry,
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

  const lateChunking = { model, spec, truncate: resolved.truncate === true, base };
  const asOneDocument = async (
    inputs: readonly JinaInput[],
    options: (EmbedOptions & { purpose?: EmbedPurpose }) | undefined,
  ) => {
    validateJinaInputs(inputs, model, spec, options?.allowEmpty);
    const { groups, usage } = await embedLateChunkedDocuments(lateChunking, [inputs], options);
    return { vectors: groups[0]!, usage };
  };
  const usesLateChunking = (purpose: EmbedPurpose | undefined) =>
    resolved.lateChunking && purpose !== 'query';

  return {
    ...base,
    get dim() {
      return base.dim;
    },
    get space() {
      return base.space;
    },
    async encodeDocuments(inputs, options) {
      if (!resolved.lateChunking) return base.encodeDocuments(inputs, options);
      return (await asOneDocument(inputs, { ...options, purpose: 'document' })).vectors;
    },
    async embed(inputs, options) {
      if (!resolved.lateChunking) return base.embed(inputs, options);
      return (await asOneDocument(inputs, { ...options, purpose: 'default' })).vectors;
    },
    embedWithUsage(inputs, options) {
      if (!usesLateChunking(options?.purpose)) return base.embedWithUsage(inputs, options);
      return asOneDocument(inputs, { ...options, purpose: options?.purpose ?? 'default' });
    },
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
      const flat = await base.encodeDocuments(documents.flat(), options);
      let offset = 0;
      return documents.map((chunks) => {
        offset += chunks.length;
        return flat.slice(offset - chunks.length, offset);
      });
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
