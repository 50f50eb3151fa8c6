import { createReranker, type Reranker } from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { z } from 'zod';
import { createVoyagePost } from './voyage-client.js';
import { voyageDefaultBaseURL } from './voyage-connection-settings.js';
import { type VoyageRerankerSettings, voyageRerankerSettings } from './voyage-reranker-settings.js';
import type { VoyageRuntimeOptions } from './voyage-runtime-options.js';

/** What `/v1/rerank` answers that embedkit reads: a score per document index, and tokens. */
const voyageRerankResponse = z.object({
  data: z.array(z.object({ index: z.number().int(), relevance_score: z.number() })),
  usage: z.object({ total_tokens: z.number().optional() }).optional(),
});

/**
 * Creates a Voyage reranker for `POST /v1/rerank` on core's `Reranker` contract. The key is read
 * at the first call. Requests carry at most 1,000 documents and, by core's estimate, at most
 * `maxTokensPerCall` tokens counted the way Voyage caps them (the query once per document plus
 * every document); larger calls are split and merged by score. Tokens come from `usage`.
 */
export function createVoyageReranker(
  settings: VoyageRerankerSettings = {},
  runtime: VoyageRuntimeOptions = {},
): Reranker {
  const resolved = parseSettings(voyageRerankerSettings, settings, 'voyage reranker settings');
  const post = createVoyagePost({
    baseURL: resolved.baseURL,
    apiKey: runtime.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: runtime.dispatcher,
    connections: resolved.concurrency,
  });
  const retry = resolveRetry(resolved);
  return createReranker({
    provider: 'voyage',
    model: resolved.model,
    limits: {
      maxInputsPerCall: resolved.maxDocumentsPerCall,
      maxTokensPerCall: resolved.maxTokensPerCall,
      supportsParallelCalls: true,
      concurrency: resolved.concurrency,
    },
    settings: {
      baseURL: resolved.baseURL === voyageDefaultBaseURL ? undefined : resolved.baseURL,
      apiKeyEnv: resolved.apiKeyEnv,
      maxDocumentsPerCall: resolved.maxDocumentsPerCall,
      maxTokensPerCall: resolved.maxTokensPerCall,
      truncation: resolved.truncation,
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
        path: 'rerank',
        body: {
          model: resolved.model,
          query: request.query,
          documents: request.documents,
          ...(resolved.truncation === undefined ? {} : { truncation: resolved.truncation }),
        },
        schema: voyageRerankResponse,
        signal: request.signal,
        headers: request.headers,
        model: resolved.model,
      });
      return {
        results: response.data.map((result) => ({
          index: result.index,
          score: result.relevance_score,
        })),
        tokens: response.usage?.total_tokens,
      };
    },
  });
}
