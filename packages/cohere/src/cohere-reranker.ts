import { createReranker, type Reranker } from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { z } from 'zod';
import { createCoherePost } from './cohere-client.js';
import { cohereDefaultBaseURL } from './cohere-connection-settings.js';
import { type CohereRerankerSettings, cohereRerankerSettings } from './cohere-reranker-settings.js';
import type { CohereRuntimeOptions } from './cohere-runtime-options.js';

/** What `/v2/rerank` answers that embedkit reads: a score per document index. */
const cohereRerankResponse = z.object({
  results: z.array(z.object({ index: z.number().int(), relevance_score: z.number() })),
});

/**
 * Creates a Cohere reranker for `POST /v2/rerank` on core's `Reranker` contract. The key is read
 * at the first call (from the environment, or `runtime.apiKey`). Every request asks for all its
 * documents' scores (`top_n` equal to its size); core splits larger calls by
 * `maxDocumentsPerCall` and merges by score, then applies the caller's `topN`. Cohere bills in
 * search units and reports no tokens, so `usage.tokens` is core's estimate.
 */
export function createCohereReranker(
  settings: CohereRerankerSettings = {},
  runtime: CohereRuntimeOptions = {},
): Reranker {
  const resolved = parseSettings(cohereRerankerSettings, settings, 'cohere reranker settings');
  const post = createCoherePost({
    baseURL: resolved.baseURL,
    apiKey: runtime.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: runtime.dispatcher,
    connections: resolved.concurrency,
  });
  const retry = resolveRetry(resolved);
  return createReranker({
    provider: 'cohere',
    model: resolved.model,
    limits: {
      maxInputsPerCall: resolved.maxDocumentsPerCall,
      supportsParallelCalls: true,
      concurrency: resolved.concurrency,
    },
    settings: {
      baseURL: resolved.baseURL === cohereDefaultBaseURL ? undefined : resolved.baseURL,
      apiKeyEnv: resolved.apiKeyEnv,
      maxDocumentsPerCall: resolved.maxDocumentsPerCall,
      maxTokensPerDocument: resolved.maxTokensPerDocument,
      concurrency: resolved.concurrency,
      timeoutMs: resolved.timeoutMs,
      retry,
      rateLimit: resolved.rateLimit,
    },
    retry,
    timeoutMs: resolved.timeoutMs,
    rateLimit: resolved.rateLimit,
    rerankBatch: async (request) => {
      const response = await post({
        path: 'v2/rerank',
        body: {
          model: resolved.model,
          query: request.query,
          documents: request.documents,
          top_n: request.documents.length,
          ...(resolved.maxTokensPerDocument === undefined
            ? {}
            : { max_tokens_per_doc: resolved.maxTokensPerDocument }),
        },
        schema: cohereRerankResponse,
        signal: request.signal,
        headers: request.headers,
        model: resolved.model,
      });
      return {
        results: response.results.map((result) => ({
          index: result.index,
          score: result.relevance_score,
        })),
      };
    },
  });
}
