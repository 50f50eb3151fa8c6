import { createReranker, type Reranker } from '@embedkit/core';
import { parseSettings, resolveRetry } from '@embedkit/core/provider';
import { z } from 'zod';
import { createJinaPost } from './jina-client.js';
import { jinaDefaultBaseURL } from './jina-connection-settings.js';
import { type JinaRerankerSettings, jinaRerankerSettings } from './jina-reranker-settings.js';
import type { JinaRuntimeOptions } from './jina-runtime-options.js';

const rerankResponse = z.object({
  usage: z.object({ total_tokens: z.number().optional() }).optional(),
  results: z.array(z.object({ index: z.number().int(), relevance_score: z.number() })),
});

/**
 * Creates a Jina reranker for `POST /v1/rerank` on core's `Reranker` contract (the key and a
 * dispatcher go in `runtime`, as for `createJina`). Documents beyond one request's worth are split
 * over concurrent requests by core's batch runner (with its retries and timeouts) and merged by
 * score, which is absolute per query–document pair, so splitting does not change the ranking.
 */
export function createJinaReranker(
  settings: JinaRerankerSettings = {},
  runtime: JinaRuntimeOptions = {},
): Reranker {
  const resolved = parseSettings(jinaRerankerSettings, settings, 'jina reranker settings');
  const post = createJinaPost({
    baseURL: resolved.baseURL,
    apiKey: runtime.apiKey,
    apiKeyEnv: resolved.apiKeyEnv,
    dispatcher: runtime.dispatcher,
    connections: resolved.concurrency,
  });
  const retry = resolveRetry(resolved);
  return createReranker({
    provider: 'jina',
    model: resolved.model,
    limits: {
      maxInputsPerCall: resolved.maxDocumentsPerCall,
      maxTokensPerCall: resolved.maxTokensPerCall,
      supportsParallelCalls: true,
      concurrency: resolved.concurrency,
    },
    settings: {
      model: resolved.model,
      baseURL: resolved.baseURL === jinaDefaultBaseURL ? undefined : resolved.baseURL,
      apiKeyEnv: resolved.apiKeyEnv,
      maxDocumentsPerCall: resolved.maxDocumentsPerCall,
      maxTokensPerCall: resolved.maxTokensPerCall,
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
          top_n: request.documents.length,
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
          score: result.relevance_score,
        })),
        tokens: response.usage?.total_tokens,
      };
    },
  });
}
