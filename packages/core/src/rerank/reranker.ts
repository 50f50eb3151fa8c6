import type { BatchLimits } from '../batch/batch-limits.js';
import type { EmbedOptions } from '../embedding/embed-options.js';
import type { EmbedUsage } from '../embedding/embed-result.js';
import type { JsonValue } from '../embedding/embedding-config.js';
import type { Metadata } from '../store/vector-store.js';

/**
 * A document to rerank: a plain string, or a stored document with its id and metadata, so hits
 * from a vector store can be reranked and handed back unchanged (only `text` is sent).
 */
export type RerankDocument = string | { id?: string; text: string; metadata?: Metadata };

/** One reranked document. */
export interface RerankResult<Document extends RerankDocument = RerankDocument> {
  /** Position in the `documents` passed to `rerank`, so callers can map back to their data. */
  readonly index: number;
  /**
   * Relevance to the query, higher is better. Cross-encoder scores are absolute per
   * query–document pair, which is why documents split over several calls can be merged by it.
   */
  readonly score: number;
  /** The document as given (the same object, not a copy). */
  readonly document: Document;
}

/** Per-call options of `rerank`. */
export interface RerankOptions extends Pick<EmbedOptions, 'signal' | 'headers' | 'onProgress'> {
  /** Keep only the best `topN`. Default: all. */
  readonly topN?: number;
}

/** Ranked results with what producing them cost (tokens, calls, retries). */
export interface RerankOutcome<Document extends RerankDocument = RerankDocument> {
  readonly results: RerankResult<Document>[];
  readonly usage: EmbedUsage;
}

/**
 * A plain description of a reranker, `{ provider, model, ...settings }`, from which a reranker
 * registry rebuilds an equal one. Secrets appear only as the name of the environment variable
 * that holds them (`apiKeyEnv`), so a config can be written to a file or a store.
 */
export interface RerankerConfig {
  provider: string;
  model: string;
  [setting: string]: JsonValue | undefined;
}

/**
 * Scores documents against a query and returns them best first. The second stage of retrieval:
 * a vector search finds candidates cheaply, a cross-encoder (which reads query and document
 * together) orders them well. Every reranker is built by `createReranker`, so batching by the
 * provider's caps, concurrency, retries, timeouts and abort behave as they do for embeddings.
 */
export interface Reranker {
  /** Provider id, e.g. `cohere`; the `provider` of `toConfig()`. */
  readonly provider: string;
  readonly model: string;
  /** What one provider call accepts: documents per call and estimated tokens per call. */
  readonly limits: BatchLimits;
  /** Documents sorted by relevance, best first; equal scores keep input order. */
  rerank<Document extends RerankDocument>(
    query: string,
    documents: readonly Document[],
    options?: RerankOptions,
  ): Promise<RerankResult<Document>[]>;
  /** The same, with usage: tokens the provider billed, calls made, retries. */
  rerankWithUsage<Document extends RerankDocument>(
    query: string,
    documents: readonly Document[],
    options?: RerankOptions,
  ): Promise<RerankOutcome<Document>>;
  /** A plain, secret-free config from which a reranker registry rebuilds an equal reranker. */
  toConfig(): RerankerConfig;
}
