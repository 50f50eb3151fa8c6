import {
  type EmbedOptions,
  estimateTokens,
  InvalidInputError,
  RateBudget,
  validateTextInputs,
} from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { z } from 'zod';
import { createJinaPost } from './jina-client.js';
import { type JinaRerankerSettings, jinaRerankerSettings } from './jina-reranker-settings.js';
import type { JinaRuntimeOptions } from './jina-runtime-options.js';
import { runPerInputBatches } from './run-per-input-batches.js';

/** One reranked document. */
export interface RerankResult {
  /** Position in the `documents` passed to `rerank`. */
  readonly index: number;
  /** Relevance to the query, higher is better; comparable across batches. */
  readonly score: number;
  readonly document: string;
}

export interface RerankOptions extends Pick<EmbedOptions, 'signal' | 'headers' | 'onProgress'> {
  /** Keep only the best `topN`. Default: all. */
  readonly topN?: number;
}

/** Scores documents against a query with a Jina reranker. */
export interface JinaReranker {
  readonly model: string;
  /** Returns documents sorted by relevance, best first. */
  rerank(
    query: string,
    documents: readonly string[],
    options?: RerankOptions,
  ): Promise<RerankResult[]>;
}

const rerankResponse = z.object({
  usage: z.object({ total_tokens: z.number().optional() }).optional(),
  results: z.array(z.object({ index: z.number().int(), relevance_score: z.number() })),
});

/**
 * Creates a Jina reranker (the key and a dispatcher go in `runtime`, as for `createJina`). Documents beyond one request's worth are split over concurrent
 * requests by core's batch runner (with its retries and timeouts) and merged by score, which is
 * absolute per query–document pair, so splitting does not change the ranking.
 */
export function createJinaReranker(
  settings: JinaRerankerSettings = {},
  runtime: JinaRuntimeOptions = {},
): JinaReranker {
  const resolved = parseSettings(jinaRerankerSettings, settings, 'jina reranker settings');
  const post = createJinaPost({
    baseURL: resolved.baseURL,
    apiKey: runtime.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: runtime.dispatcher,
    connections: resolved.concurrency,
  });
  const rateBudget = resolved.rateLimit ? new RateBudget(resolved.rateLimit) : undefined;
  const retry = resolveRetry(resolved);

  return {
    model: resolved.model,
    async rerank(query, documents, options = {}) {
      if (typeof query !== 'string' || query.trim() === '') {
        throw new InvalidInputError({ message: 'The rerank query must be a non-empty string.' });
      }
      validateTextInputs(documents);
      if (options.topN !== undefined && (!Number.isInteger(options.topN) || options.topN < 1)) {
        throw new InvalidInputError({
          message: `topN must be a positive integer, got ${options.topN}.`,
        });
      }
      const queryTokens = estimateTokens(query);
      const { results } = await runPerInputBatches<string, number>(documents, {
        ...options,
        provider: 'jina',
        purpose: 'query',
        limits: {
          maxInputsPerCall: resolved.maxDocumentsPerCall,
          maxTokensPerCall: resolved.maxTokensPerCall,
          supportsParallelCalls: true,
          concurrency: resolved.concurrency,
        },
        estimateTokens: (document) => queryTokens + estimateTokens(document),
        concurrency: resolved.concurrency,
        retry,
        timeoutMs: resolved.timeoutMs,
        rateBudget,
        call: async (request) => {
          const response = await post({
            path: 'rerank',
            body: {
              model: resolved.model,
              query,
              documents: request.inputs,
              top_n: request.inputs.length,
              return_documents: false,
            },
            schema: rerankResponse,
            signal: request.signal,
            headers: request.headers,
            model: resolved.model,
          });
          return {
            results: response.results.map((result) => ({
              index: result.index,
              result: result.relevance_score,
            })),
            tokens: response.usage?.total_tokens,
          };
        },
      });
      return results
        .map((score, index) => ({ index, score, document: documents[index]! }))
        .sort((left, right) => right.score - left.score || left.index - right.index)
        .slice(0, options.topN ?? documents.length);
    },
  };
}
