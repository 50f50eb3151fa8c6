import { createReranker, type Reranker } from '@embedkit/core';
import {
  apiKeySource,
  createProviderPost,
  parseSettings,
  resolveRetry,
} from '@embedkit/core/provider';
import { z } from 'zod';
import { teiVersion } from './package-version.js';
import { mapTEIError } from './tei-error-mapping.js';
import { type TEIRerankerSettings, teiRerankerSettings } from './tei-reranker-settings.js';
import { type TEIRuntimeOptions, teiDefaultBaseURL } from './tei-settings.js';

/** `POST /rerank` answers `[{ index, score }]`, best first. */
const teiRerankResponse = z.array(z.object({ index: z.number().int(), score: z.number() }));

/**
 * A `Reranker` for a Text Embeddings Inference server that serves a re-ranker (a sequence
 * classifier such as `BAAI/bge-reranker-base`), through its native `POST /rerank`. Requests carry
 * at most `maxDocumentsPerCall` texts; core splits larger calls, sends them concurrently and merges
 * them by score. Tokens come from TEI's `x-compute-tokens` header. A bearer token (`apiKeyEnv`)
 * is read at each call and never stored.
 */
export function createTEIReranker(
  options: TEIRerankerSettings,
  runtime: TEIRuntimeOptions = {},
): Reranker {
  const settings = parseSettings(teiRerankerSettings, options, 'tei reranker settings');
  const token =
    settings.apiKeyEnv === undefined && runtime.apiKey === undefined
      ? undefined
      : apiKeySource({
          provider: 'tei',
          displayName: 'TEI',
          envNames: [],
          apiKeyEnv: settings.apiKeyEnv,
          apiKey: runtime.apiKey,
          whereToGetOne:
            'It is the --api-key the server was started with, or a Hugging Face token for an Inference Endpoint.',
        });
  const post = createProviderPost({
    provider: 'tei',
    packageName: '@embedkit/tei',
    version: teiVersion,
    baseURL: settings.baseURL,
    apiKey: token,
    dispatcher: runtime.dispatcher,
    connections: settings.concurrency,
    mapError: (details) => mapTEIError(details, settings.model),
  });
  const retry = resolveRetry(settings);
  return createReranker({
    provider: 'tei',
    model: settings.model,
    limits: {
      maxInputsPerCall: settings.maxDocumentsPerCall,
      supportsParallelCalls: true,
      concurrency: settings.concurrency,
    },
    settings: {
      baseURL: settings.baseURL === teiDefaultBaseURL ? undefined : settings.baseURL,
      maxDocumentsPerCall: settings.maxDocumentsPerCall,
      truncate: settings.truncate,
      truncationDirection: settings.truncationDirection,
      rawScores: settings.rawScores,
      apiKeyEnv: settings.apiKeyEnv,
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      retry,
      rateLimit: settings.rateLimit,
    },
    retry,
    timeoutMs: settings.timeoutMs,
    rateLimit: settings.rateLimit,
    rerankBatch: async (request) => {
      const response = await post({
        path: 'rerank',
        body: {
          query: request.query,
          texts: request.documents,
          ...(settings.truncate === undefined ? {} : { truncate: settings.truncate }),
          ...(settings.truncationDirection === undefined
            ? {}
            : { truncation_direction: settings.truncationDirection }),
          ...(settings.rawScores === undefined ? {} : { raw_scores: settings.rawScores }),
        },
        schema: teiRerankResponse,
        signal: request.signal,
        headers: request.headers,
      });
      const counted = Number(response.headers['x-compute-tokens']);
      return {
        results: response.data,
        ...(Number.isFinite(counted) ? { tokens: counted } : {}),
      };
    },
  });
}
