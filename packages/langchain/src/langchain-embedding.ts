import {
  type BatchLimits,
  createEmbeddingFunction,
  InvalidConfigError,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { mapLangChainError } from './langchain-error-mapping.js';
import {
  type LangChainEmbeddingSettings,
  langchainEmbeddingSettings,
} from './langchain-settings.js';

/** Texts per call when the `Embeddings` object has no `batchSize`. */
export const langchainDefaultMaxInputsPerCall = 512;

/**
 * Wraps a LangChain `Embeddings` (`OpenAIEmbeddings`, `CohereEmbeddings`, any implementation) as
 * an embedkit `EmbeddingFunction`: each batch core's runner plans is one `embedDocuments` call
 * (query batches call `embedQuery` per text), so pacing (`rateLimit`), retries, timeouts, order
 * and length checks, progress and completed-work-on-failure are core's. The object must be built
 * with `maxRetries: 0`: its `AsyncCaller` would otherwise retry every failure again inside each
 * of core's attempts (LangChain's default is 6, so one failing batch would be sent 49 times).
 * LangChain calls take no abort signal: an abort stops embedkit at once, but a request already
 * sent finishes in the background.
 */
export function fromLangChain(
  embeddings: EmbeddingsInterface,
  settings: LangChainEmbeddingSettings = {},
): ProviderEmbeddingFunction {
  const resolved = parseSettings(langchainEmbeddingSettings, settings, 'langchain settings');
  const className = (embeddings as { constructor?: { name?: string } }).constructor?.name ?? '';
  const innerRetries = (embeddings as { caller?: { maxRetries?: unknown } }).caller?.maxRetries;
  if (typeof innerRetries === 'number' && innerRetries > 0) {
    throw new InvalidConfigError({
      subject: 'langchain embeddings',
      issues: [
        {
          path: 'maxRetries',
          message: `this ${className || 'Embeddings'} retries each failure ${innerRetries} times itself, and embedkit retries too, so a failing request would be sent up to ${innerRetries + 1} times per embedkit attempt; construct it with maxRetries: 0 and set embedkit's retry instead`,
        },
      ],
    });
  }
  const own = embeddings as { model?: unknown; modelName?: unknown; batchSize?: unknown };
  const modelName =
    resolved.name ??
    (typeof own.model === 'string' ? own.model : undefined) ??
    (typeof own.modelName === 'string' ? own.modelName : undefined) ??
    (className || 'embeddings');
  const batchSize =
    typeof own.batchSize === 'number' && own.batchSize > 0 ? own.batchSize : undefined;
  const concurrency = resolved.concurrency ?? 4;
  const limits: BatchLimits = {
    maxInputsPerCall: resolved.maxInputsPerCall ?? batchSize ?? langchainDefaultMaxInputsPerCall,
    maxTokensPerCall: resolved.maxTokensPerCall,
    maxTokensPerInput: resolved.maxTokensPerInput,
    supportsParallelCalls: true,
    concurrency,
  };
  const retry = resolveRetry(resolved);
  const provider = `langchain ${className || 'Embeddings'}`;
  // `embedQuery` takes one text, so a query batch is many requests; together (across batches)
  // they stay within `concurrency`, as whole batches do.
  const queryLimit = createLimit(concurrency);

  return createEmbeddingFunction({
    provider: 'langchain',
    model: modelName,
    dim: resolved.dimensions ?? 0,
    limits,
    family: `langchain:${className || 'Embeddings'}`,
    settings: {
      name: resolved.name,
      langchainClass: className || undefined,
      dimensions: resolved.dimensions,
      maxInputsPerCall: resolved.maxInputsPerCall,
      maxTokensPerCall: resolved.maxTokensPerCall,
      maxTokensPerInput: resolved.maxTokensPerInput,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    retry,
    timeoutMs: resolved.timeoutMs,
    concurrency,
    rateLimit: resolved.rateLimit,
    async embedBatch(request) {
      let vectors: number[][];
      try {
        vectors =
          request.purpose === 'query'
            ? await Promise.all(
                request.inputs.map((text) => queryLimit(() => embeddings.embedQuery(text))),
              )
            : await embeddings.embedDocuments([...request.inputs]);
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        throw mapLangChainError(error, provider);
      }
      return {
        embeddings: vectors.map((vector, index) => ({ index, vector: Float32Array.from(vector) })),
      };
    },
  });
}

/** Runs at most `maximum` of the functions given to it at once, in the order given. */
function createLimit(maximum: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <Result>(work: () => Promise<Result>): Promise<Result> => {
    if (running >= maximum) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
