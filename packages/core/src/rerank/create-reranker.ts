import type { BatchLimits } from '../batch/batch-limits.js';
import type { BatchRequest } from '../batch/embed-batch.js';
import { RateBudget } from '../batch/rate-budget.js';
import type { RateLimit } from '../batch/rate-limit.js';
import type { RetryPolicy } from '../batch/retry-policy.js';
import { runPerInputBatches } from '../batch/run-per-input-batches.js';
import type { JsonValue } from '../embedding/embedding-config.js';
import { estimateTokens as estimateTextTokens } from '../tokens/token-estimator.js';
import { checkRerankCall } from './rerank-documents.js';
import type {
  RerankDocument,
  Reranker,
  RerankerConfig,
  RerankOptions,
  RerankOutcome,
} from './reranker.js';

/** One provider call: score `documents` (a slice of the caller's) against `query`. */
export interface RerankBatchRequest {
  readonly query: string;
  readonly documents: readonly string[];
  /** Fires on the caller's abort and on this attempt's timeout; pass it to the HTTP call. */
  readonly signal: AbortSignal;
  readonly headers: Readonly<Record<string, string>> | undefined;
}

/** Scores for one call, numbered by position in `RerankBatchRequest.documents`. */
export interface RerankBatchResponse {
  readonly results: readonly { readonly index: number; readonly score: number }[];
  /** Tokens (or search units) the provider billed for this call, when it says. */
  readonly tokens?: number;
}

/**
 * The one thing a rerank provider implements: one call for one batch of documents, asking for
 * every document's score. Throw core's typed errors so the runner knows what to retry, and
 * `BatchTooLargeError` when the server says the batch is too big (the runner halves it).
 */
export type RerankBatch = (request: RerankBatchRequest) => Promise<RerankBatchResponse>;

/** What a provider package declares to get a full `Reranker` from core. */
export interface CreateRerankerOptions {
  provider: string;
  model: string;
  /**
   * `maxInputsPerCall` is documents per call; `maxTokensPerCall` counts, as the providers do,
   * the query once per document plus every document.
   */
  limits: BatchLimits;
  rerankBatch: RerankBatch;
  /** Settings for `toConfig()` besides provider and model. Never a secret. */
  settings: Record<string, JsonValue | undefined>;
  /** Token estimate per text; defaults to core's conservative text estimate. */
  estimateTokens?: (text: string) => number;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout. Default 60 s. */
  timeoutMs?: number;
  /** Overrides `limits.concurrency`. */
  concurrency?: number;
  /** The key's published limits: calls are paced under them instead of meeting 429s. */
  rateLimit?: RateLimit;
}

/**
 * Builds a `Reranker` from a provider's one-call `rerankBatch`. Core checks the call, splits the
 * documents by the provider's document and token caps, sends the batches through the same runner
 * as embeddings (sliding pool, retries, timeouts, abort, count and index checks, pacing) and
 * merges the scores: they are absolute per pair, so the merged order is the one a single call
 * would give. Ties keep input order, so results are reproducible.
 */
export function createReranker(options: CreateRerankerOptions): Reranker {
  const estimate = options.estimateTokens ?? estimateTextTokens;
  const rateBudget =
    options.rateLimit === undefined ? undefined : new RateBudget(options.rateLimit);

  const rerankWithUsage = async <Document extends RerankDocument>(
    query: string,
    documents: readonly Document[],
    callOptions: RerankOptions = {},
  ): Promise<RerankOutcome<Document>> => {
    const texts = checkRerankCall(query, documents, callOptions.topN);
    const queryTokens = estimate(query);
    const { results: scores, usage } = await runPerInputBatches<string, number>(texts, {
      signal: callOptions.signal,
      headers: callOptions.headers,
      onProgress: callOptions.onProgress,
      provider: options.provider,
      purpose: 'query',
      limits: options.limits,
      estimateTokens: (text) => queryTokens + estimate(text),
      concurrency: options.concurrency,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      rateBudget,
      call: async (request: BatchRequest<string>) => {
        const response = await options.rerankBatch({
          query,
          documents: request.inputs,
          signal: request.signal,
          headers: request.headers,
        });
        return {
          results: response.results.map(({ index, score }) => ({ index, result: score })),
          tokens: response.tokens,
        };
      },
    });
    const results = scores
      .map((score, index) => ({ index, score, document: documents[index]! }))
      .sort((left, right) => right.score - left.score || left.index - right.index)
      .slice(0, callOptions.topN ?? documents.length);
    return { results, usage };
  };

  return {
    provider: options.provider,
    model: options.model,
    limits: options.limits,
    async rerank(query, documents, callOptions) {
      return (await rerankWithUsage(query, documents, callOptions)).results;
    },
    rerankWithUsage,
    toConfig(): RerankerConfig {
      const config: RerankerConfig = { provider: options.provider, model: options.model };
      for (const [key, value] of Object.entries(options.settings)) {
        if (value !== undefined) config[key] = value;
      }
      return config;
    },
  };
}
