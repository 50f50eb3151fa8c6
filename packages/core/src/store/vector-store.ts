import type { EmbedOptions } from '../embedding/embed-options.js';
import type { EmbeddingConfig, JsonValue } from '../embedding/embedding-config.js';
import type { EmbeddingFunction } from '../embedding/embedding-function.js';
import type { EmbeddingSpace } from '../embedding/embedding-space.js';
import type { SparseVector } from '../sparse/sparse-vector.js';
import type { MetadataFilter } from './metadata-filter.js';
import type { SearchRerank } from './search-rerank.js';
import type { HybridRanker } from './vector-store-driver.js';

/** Metadata kept beside a document; JSON so every store can hold it. */
export type Metadata = { [key: string]: JsonValue };

/** A document to store. Without `id`, one is derived from text and metadata (see `documentId`). */
export interface DocumentInput {
  id?: string;
  text: string;
  metadata?: Metadata;
}

/** A document with a precomputed vector, for callers that embedded elsewhere. */
export interface VectorDocumentInput extends DocumentInput {
  vector: Float32Array | readonly number[];
  /** Its sparse vector, for stores whose driver keeps them (`sparseVectors`). */
  sparseVector?: SparseVector;
}

/** The two sides of a hybrid query computed by the caller: a dense and a sparse vector. */
export interface HybridVectors {
  dense: Float32Array | readonly number[];
  sparse: SparseVector;
}

/** A document as stored. */
export interface StoredDocument {
  id: string;
  text: string;
  metadata: Metadata;
}

/** One search hit. `score` is as the metric defines it (see `VectorMetric`); hits come best first. */
export interface SearchResult extends StoredDocument {
  score: number;
}

/**
 * How vectors are compared. `cosine` and `ip`: higher is closer (cosine in [-1, 1]); `l2`:
 * squared Euclidean distance, lower is closer. Results are always ordered best first.
 */
export type VectorMetric = 'cosine' | 'ip' | 'l2';

export interface SearchOptions {
  /** Hits to return. Default 10. */
  topK?: number;
  /**
   * A `MetadataFilter` (the language every store compiles), or the engine's own expression as a
   * string where the store accepts one (Milvus: `metadata["source"] == "a.md"`).
   */
  filter?: MetadataFilter | string;
  /**
   * Stored fields to return with each hit besides the id. Default both; leaving `text` out saves
   * bandwidth (hits then carry an empty `text`), leaving `metadata` out gives `{}`.
   */
  outputFields?: readonly StoredField[];
  /**
   * Reranks the first stage's hits: `candidates` are fetched, the reranker orders them, and the
   * best `topK` come back with the reranker's score (higher is better, whatever the metric).
   * Needs the query text, so `searchByVector` refuses it, and the hits' text.
   */
  rerank?: SearchRerank;
  signal?: AbortSignal;
}

/** A stored field a search can return. */
export type StoredField = 'text' | 'metadata';

export interface HybridSearchOptions extends SearchOptions {
  /** Default `{ type: 'rrf', k: 60 }`. */
  ranker?: HybridRanker;
  /** Hits each side contributes before merging. Default `max(topK * 2, 20)`. */
  candidates?: number;
}

/** Progress of `addDocuments`, reported after every embedded and every stored batch. */
export interface IngestProgress {
  /** Documents whose vectors are known. */
  embedded: number;
  /** Documents written to the store. */
  stored: number;
  total: number;
  /** Tokens the embedding provider reported. */
  tokens: number;
}

export interface AddDocumentsOptions {
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  /** Told of each failed provider attempt that is retried, as it happens (see `EmbedRetry`). */
  onRetry?: EmbedOptions['onRetry'];
  /** Documents embedded per pipeline step; default from the function's limits. */
  batchSize?: number;
}

/** What a collection records about the embedding function that built it. */
export interface CollectionInfo {
  name: string;
  /** `toConfig()` of the function that built the collection (never a secret). */
  embedding: EmbeddingConfig;
  space: EmbeddingSpace;
  dim: number;
  metric: VectorMetric;
  /** Whether this call created the collection. */
  created: boolean;
}

export type DeleteSelector = { ids: readonly string[] } | { filter: MetadataFilter | string };

/**
 * A place to keep documents with their vectors and search them. Every store passes the same
 * conformance suite (`packages/testing`), so code written against this interface can swap stores
 * by configuration.
 *
 * Why the store holds the embedding function: it encodes documents and queries with the right
 * side of an asymmetric model, and it can refuse a collection built with another embedding space
 * before anything is written.
 */
export interface VectorStore {
  /** Store kind, e.g. `memory` or `milvus`. */
  readonly kind: string;
  /** Where the data lives (a path or an address, never a secret), for messages and `embedkit info`. */
  readonly location?: string;
  /** The engine behind the store in words (`Milvus Lite`, `PostgreSQL via pg`), for `embedkit info`. */
  readonly engine?: string;
  readonly collection: string;
  readonly embedding: EmbeddingFunction;
  readonly metric: VectorMetric;

  /**
   * Creates the collection for this embedding function, or opens it and checks that it was built
   * with the same embedding space; a different one fails with `EmbeddingSpaceMismatchError` or
   * `DimensionMismatchError` naming both. Other methods call it on first use.
   */
  ensureCollection(): Promise<CollectionInfo>;
  /**
   * Embeds (with `encodeDocuments`) and upserts documents, pipelined: the next batch is embedded
   * while the current one is written. Returns the ids in input order. On failure the error is a
   * typed error whose `storedIds` (for `StoreError`) says what is already stored.
   */
  addDocuments(
    documents: readonly DocumentInput[],
    options?: AddDocumentsOptions,
  ): Promise<string[]>;
  /**
   * Like `addDocuments` for chunked documents: each group is one document's chunks, encoded with
   * the function's `encodeDocumentGroups` when it has one (late chunking sees each document
   * whole), else as independent chunks. Returns the ids per group.
   */
  addDocumentGroups(
    groups: readonly (readonly DocumentInput[])[],
    options?: AddDocumentsOptions,
  ): Promise<string[][]>;
  /** Upserts documents whose vectors were computed elsewhere. */
  addVectors(
    documents: readonly VectorDocumentInput[],
    options?: { signal?: AbortSignal },
  ): Promise<string[]>;
  /** Encodes `query` with `encodeQueries` and returns the closest documents. */
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
  searchByVector(
    vector: Float32Array | readonly number[],
    options?: SearchOptions,
  ): Promise<SearchResult[]>;
  /** Documents by id, in the order asked; unknown ids are left out. */
  get(ids: readonly string[]): Promise<StoredDocument[]>;
  /**
   * Deletes by ids, or every document matching a filter. `{ filter: {} }` deletes all documents;
   * a selector with neither ids nor a filter is refused, so a missing value never empties a
   * collection by accident.
   */
  delete(selector: DeleteSelector): Promise<void>;
  count(): Promise<number>;
  /**
   * Present when the engine can search text and vectors together (dense + full-text, merged by a
   * ranker). Stores without it have no such member; `createVectorStore` throws
   * `NotSupportedError` when the collection cannot.
   */
  hybridSearch?(text: string, options?: HybridSearchOptions): Promise<SearchResult[]>;
  /**
   * Present on stores that can keep sparse vectors: documents whose sparse vector shares an
   * index with `vector`, by inner product, best first. `NotSupportedError` on a driver without
   * `sparseVectors`.
   */
  searchBySparseVector?(vector: SparseVector, options?: SearchOptions): Promise<SearchResult[]>;
  /**
   * Hybrid search with both query vectors given: the dense and the sparse side are searched
   * (`candidates` hits each) and fused by `ranker` in core, so it ranks the same on every store
   * with sparse vectors, server-side BM25 or not.
   */
  hybridSearchByVectors?(
    vectors: HybridVectors,
    options?: HybridSearchOptions,
  ): Promise<SearchResult[]>;
  /** Present when the engine can be told to make written rows durable and indexed now. */
  flush?(): Promise<void>;
  /** Releases connections. The store may not be used afterwards. */
  close(): Promise<void>;
}
