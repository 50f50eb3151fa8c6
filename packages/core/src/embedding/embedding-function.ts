import type { BatchLimits } from '../batch/batch-limits.js';
import type { EmbedOptions } from './embed-options.js';
import type { EmbedResult } from './embed-result.js';
import type { EmbeddingConfig } from './embedding-config.js';
import type { EmbeddingSpace } from './embedding-space.js';

/**
 * One embedding model behind one interface, whatever the provider.
 *
 * Why three encode methods: retrieval models are asymmetric (Jina `retrieval.passage` /
 * `retrieval.query`, Cohere `search_document` / `search_query`), so a store encodes what it
 * indexes with `encodeDocuments` and what it searches with `encodeQueries`; `embed` uses the
 * configured task, like calling a pymilvus embedding function.
 *
 * Every method takes any number of inputs: batching, concurrency, retries, timeouts and ordering
 * are done once, by core's batch runner, for every provider.
 */
export interface EmbeddingFunction<Input = string> {
  /** Provider id as used in configs, e.g. `jina`. */
  readonly provider: string;
  /** Model id as the provider names it, e.g. `jina-embeddings-v3`. */
  readonly model: string;
  /**
   * Length of every vector this function returns. Known without a network call for known models
   * and whenever `dimensions` was configured; for an unknown model it is `0` until `resolveDim()`.
   */
  readonly dim: number;
  /** What one provider call accepts; the batch runner plans calls from these. */
  readonly limits: BatchLimits;
  /**
   * The identity of the vectors this function produces. Vectors are comparable only within one
   * space; stores record it and refuse another, failover refuses to mix spaces.
   */
  readonly space: EmbeddingSpace;

  /** Vectors for texts to be stored and searched (the provider's document / passage task). */
  encodeDocuments(inputs: readonly Input[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** Vectors for search queries (the provider's query task). */
  encodeQueries(inputs: readonly Input[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** Vectors for the configured task (default: the document task), like pymilvus' `__call__`. */
  embed(inputs: readonly Input[], options?: EmbedOptions): Promise<Float32Array[]>;
  /**
   * The lower-level call behind the three above: vectors plus usage and per-call details, which
   * the plain methods would otherwise throw away.
   */
  embedWithUsage(
    inputs: readonly Input[],
    options?: EmbedOptions & { purpose?: EmbedPurpose },
  ): Promise<EmbedResult>;
  /** Learns `dim` with one probe call when the model is unknown; returns it at once otherwise. */
  resolveDim(options?: { signal?: AbortSignal }): Promise<number>;
  /** A plain, secret-free object from which `registry.fromConfig` rebuilds an equal function. */
  toConfig(): EmbeddingConfig;

  /**
   * Optional capability (check with `supportsDocumentGroups`): vectors for documents given as
   * lists of chunks, one vector list per document, in order. Callers that chunk documents (a
   * store's `addDocumentGroups`, the CLI) use it, so a function whose chunk vectors depend on
   * their document (`chunkContext: 'document'`, late chunking) sees each document whole.
   */
  encodeDocumentGroups?(
    documents: readonly (readonly Input[])[],
    options?: EmbedOptions,
  ): Promise<Float32Array[][]>;
  /**
   * What a chunk's vector depends on. `'document'`: every chunk of a document (late chunking), so
   * `encodeDocumentGroups` sends each document as exactly one request and a caller must never
   * split, merge or partly cache a document; the embedding space then says `lateChunking: true`.
   * `'none'` (the default when absent): chunks are independent and grouping only shapes the output.
   *
   * Why a property and not a setting to read from `toConfig()`: wrappers (`withCache`,
   * `withFailover`) and stores must be able to rely on it for any function, including ones that
   * are not configured through a registry.
   */
  readonly chunkContext?: ChunkContext;
}

/** See `EmbeddingFunction.chunkContext`. */
export type ChunkContext = 'document' | 'none';

/** An `EmbeddingFunction` that has the grouped-encoding capability. */
export type DocumentGroupsEmbeddingFunction<Input = string> = EmbeddingFunction<Input> &
  Required<Pick<EmbeddingFunction<Input>, 'encodeDocumentGroups'>>;

/** Whether `embedding` can encode documents given as chunk lists (`encodeDocumentGroups`). */
export function supportsDocumentGroups<Input>(
  embedding: EmbeddingFunction<Input>,
): embedding is DocumentGroupsEmbeddingFunction<Input> {
  return typeof embedding.encodeDocumentGroups === 'function';
}

/** Which side of retrieval an input is on; providers map it to their task names. */
export type EmbedPurpose = 'document' | 'query' | 'default';
