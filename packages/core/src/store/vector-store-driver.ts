import type { EmbeddingConfig } from '../embedding/embedding-config.js';
import type { EmbeddingSpace } from '../embedding/embedding-space.js';
import type { SparseVector } from '../sparse/sparse-vector.js';
import type { FilterNode, FilterOperator } from './metadata-filter.js';
import type {
  Metadata,
  SearchResult,
  StoredDocument,
  StoredField,
  VectorMetric,
} from './vector-store.js';

/** One row as a driver writes it: the id is final, the vector has the collection's dimension. */
export interface StoreRow {
  id: string;
  vector: Float32Array;
  text: string;
  metadata: Metadata;
  /**
   * The row's sparse vector (BM25, SPLADE), when the store has a sparse embedding or the caller
   * gave one; only sent to drivers that declare `sparseVectors`.
   */
  sparse?: SparseVector;
}

/**
 * What a collection records about how it was built, kept by the driver with the collection (a
 * metadata table, a table comment, collection properties) and handed back verbatim on open, so
 * core can refuse vectors from another embedding space before anything is written.
 */
export interface CollectionRecord {
  /** `toConfig()` of the function that built the collection (never a secret). */
  embedding: EmbeddingConfig;
  space: EmbeddingSpace;
  dim: number;
  metric: VectorMetric;
}

export interface OpenCollectionRequest {
  collection: string;
  /** What to record if the collection is created now; also its dimension and metric. */
  record: CollectionRecord;
  signal?: AbortSignal;
}

export interface OpenedCollection {
  /**
   * The record kept with the collection: the request's when `created`, the stored one otherwise.
   * `undefined` for a collection another tool made (no record): core then trusts the store's
   * embedding and checks only `dim`, so foreign data can be searched without being rebuilt.
   */
  record: CollectionRecord | undefined;
  /** The vector field's dimension, when there is no record and the engine knows it. */
  dim?: number;
  /** The metric the engine indexes the vectors with, when there is no record and it knows it. */
  metric?: VectorMetric;
  /** Whether this call created the collection. */
  created: boolean;
}

/** A nearest-neighbour query as core hands it to a driver, already validated. */
export interface DriverQuery {
  vector: Float32Array;
  /** A positive integer. */
  topK: number;
  /**
   * The user's filter, validated and normalized (see `FilterNode`), or a string only when the
   * driver declares `nativeFilters` (core refuses a string for other drivers). Left out when
   * the user gave none or `{}`.
   */
  filter?: FilterNode | string;
  /** Stored fields to return besides the id; default both (left out: `text` is `''`, `metadata` `{}`). */
  outputFields?: readonly StoredField[];
  signal?: AbortSignal;
}

/**
 * What `delete` removes: rows by id, rows matching a filter (normalized as in `DriverQuery`), or
 * every row (the user's explicit `{ filter: {} }`), so a driver never reads "no condition" as
 * "everything" by accident.
 */
export type DriverDeleteSelector =
  | { ids: readonly string[] }
  | { filter: FilterNode | string }
  | { all: true };

/**
 * How the dense and the full-text hit lists are merged.
 *
 * - `rrf` (default): reciprocal rank fusion, `score = Σ 1 / (k + rank)`; ignores raw scores, so the
 *   two sides need no calibration. `k` defaults to 60.
 * - `weighted`: each side's scores are normalised and summed with these weights; use it when one
 *   side should dominate.
 */
export type HybridRanker =
  | { type: 'rrf'; k?: number }
  | { type: 'weighted'; dense: number; sparse: number };

/**
 * A sparse query as core hands it to a driver, already checked: hits are rows whose sparse
 * vector shares an index with it, scored by inner product (higher is closer, whatever the dense
 * metric), best first; rows without a sparse vector are never hits.
 */
export interface SparseDriverQuery extends Omit<DriverQuery, 'vector'> {
  sparse: SparseVector;
}

/** A dense + full-text query: both sides are searched and merged by `ranker`. */
export interface HybridDriverQuery extends DriverQuery {
  /** The query text for the full-text side (the vector is its `encodeQueries` embedding). */
  text: string;
  /** Hits each side contributes before merging; at least `topK`. */
  candidates: number;
  ranker: HybridRanker;
}

/**
 * What a store package implements: the engine-specific part of a vector store and nothing else.
 * `createVectorStore` in core owns ids, validation, the pipelined ingest with `storedIds`,
 * progress, the embedding-space check, query encoding and grouped encoding, so every store
 * behaves the same and a new store is one small file per engine operation.
 *
 * A driver may serve several collections (one connection, many tables): every operation names
 * its collection, and `openCollection` has been called for it first.
 *
 * Scores follow `VectorMetric` (cosine and ip: higher is closer; l2: squared distance, lower is
 * closer) and hits come best first; a driver converts its engine's distance accordingly.
 */
export interface VectorStoreDriver {
  /** Store kind as configs name it, e.g. `memory`, `milvus`. */
  readonly kind: string;
  /** Where the data lives, for messages and `embedkit info`: a path or an address, no secret. */
  readonly location: string;
  /** The engine in words, for `embedkit info` (`Milvus Lite`, `PostgreSQL 17 + pgvector`); default `kind`. */
  readonly engine?: string;
  /**
   * Opens the collection, or creates it with `request.record` kept beside it. An existing
   * collection returns its stored record; core compares it with the store's embedding space.
   */
  openCollection(request: OpenCollectionRequest): Promise<OpenedCollection>;
  /** Inserts or replaces rows by id. Rows arrive in order, one call at a time per collection. */
  upsert(
    collection: string,
    rows: readonly StoreRow[],
    options?: { signal?: AbortSignal },
  ): Promise<void>;
  query(collection: string, query: DriverQuery): Promise<SearchResult[]>;
  /** Rows by id in the order asked; unknown ids are left out. */
  get(collection: string, ids: readonly string[]): Promise<StoredDocument[]>;
  delete(collection: string, selector: DriverDeleteSelector): Promise<void>;
  count(collection: string): Promise<number>;
  /** Releases connections and stops what the driver started. */
  close(): Promise<void>;

  /** Capability: the engine's own filter expressions are accepted as strings. */
  readonly nativeFilters?: boolean;
  /**
   * The filter operators the engine can express, when not all of them: core refuses a filter
   * using another with an `InvalidInputError` naming it, before the driver is called. A driver
   * that can express an operator only for some values (ranges on numbers only) throws that error
   * itself. Never answer such a filter by a full scan or approximately.
   */
  readonly filterOperators?: readonly FilterOperator[];
  /**
   * Capability: every id of the collection, in pages of about `pageSize`, each id once (any
   * order). With `getRows`, it lets `copyCollection` move a collection to another store without
   * re-embedding, and resume by skipping ids the target already holds.
   */
  readIds?(
    collection: string,
    options: { pageSize: number; signal?: AbortSignal },
  ): AsyncIterable<readonly string[]>;
  /** Capability: rows by id with their vectors, exactly as stored, in the order asked. */
  getRows?(collection: string, ids: readonly string[]): Promise<StoreRow[]>;
  /**
   * Capability: rows keep a sparse vector beside the dense one (`StoreRow.sparse`, returned by
   * `getRows`) and `querySparse` searches them. Without it, core refuses sparse vectors, sparse
   * search and a store's `sparseEmbedding` with a `NotSupportedError`.
   */
  readonly sparseVectors?: boolean;
  /** With `sparseVectors`: the rows closest to a sparse query, by inner product. */
  querySparse?(collection: string, query: SparseDriverQuery): Promise<SearchResult[]>;
  /** Capability: dense + full-text search merged by a ranker. */
  hybridQuery?(collection: string, query: HybridDriverQuery): Promise<SearchResult[]>;
  /** Capability: make written rows durable/indexed now instead of when the engine decides. */
  flush?(collection: string): Promise<void>;
  /**
   * Capability: checks documents against the collection's field limits (an id or a text too long
   * for its column) before anything is embedded, and may shorten them when the driver is set to
   * (Milvus' `textOverflow: 'truncate'`). Returns the documents to embed and write, in order; a
   * refusal is an `InvalidInputError` naming the document's index. Without it, a row that does
   * not fit fails only when it is written, after its batch was embedded.
   */
  fitDocuments?<Document extends { id: string; text: string }>(
    collection: string,
    documents: readonly Document[],
  ): Document[];
}
