import { splitIntoGroups } from '../embedding/document-groups.js';
import type { EmbeddingFunction } from '../embedding/embedding-function.js';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { StoreError } from '../errors/store-error.js';
import { throwIfAborted } from '../errors/throw-if-aborted.js';
import type { SparseEmbeddingFunction } from '../sparse/sparse-embedding-function.js';
import { checkSparseVector, type SparseVector } from '../sparse/sparse-vector.js';
import { checkEmbeddingSpace } from './check-embedding-space.js';
import {
  checkSearchOptions,
  checkSearchRequest,
  checkStoreVector,
} from './check-search-request.js';
import { fuseHybridHits } from './fuse-hybrid-hits.js';
import { prepareDocuments } from './prepare-documents.js';
import { runIngestPipeline } from './run-ingest-pipeline.js';
import { checkSearchRerank, rerankHits } from './search-rerank.js';
import type {
  AddDocumentsOptions,
  CollectionInfo,
  DeleteSelector,
  DocumentInput,
  HybridSearchOptions,
  HybridVectors,
  SearchOptions,
  SearchResult,
  StoredDocument,
  VectorDocumentInput,
  VectorMetric,
  VectorStore,
} from './vector-store.js';
import type {
  CollectionRecord,
  DriverDeleteSelector,
  OpenedCollection,
  VectorStoreDriver,
} from './vector-store-driver.js';

export interface CreateVectorStoreOptions {
  /** The engine: a store package's driver (`MemoryStoreDriver`, Milvus, …). */
  driver: VectorStoreDriver;
  embedding: EmbeddingFunction;
  /** Collection name. Default `documents`. */
  collection?: string;
  /**
   * How vectors are compared when the collection is created. Default `cosine`. An existing
   * collection keeps the metric it was built with; asking for another one is refused.
   */
  metric?: VectorMetric;
  /** Whether `close()` closes the driver too. Default true; false when a driver is shared. */
  closeDriver?: boolean;
  /**
   * A sparse embedding (`@embedkit/bm25`, …) stored beside the dense one: `addDocuments` writes
   * each document's sparse vector, and `hybridSearch(text)` fuses a dense and a sparse query in
   * core, so hybrid search works on any driver with `sparseVectors`, server-side BM25 or not.
   * Refused for drivers without sparse vectors.
   */
  sparseEmbedding?: SparseEmbeddingFunction;
}

/**
 * A `VectorStore` on any driver. Everything that is the same for every engine lives here, once:
 * document checks and ids, the pipelined ingest with progress and `storedIds` on failure, grouped
 * encoding, the embedding-space check before the first write or search, query encoding, vector,
 * topK and filter checks. The driver only talks to its engine.
 */
export class DriverVectorStore implements VectorStore {
  readonly kind: string;
  readonly collection: string;
  readonly embedding: EmbeddingFunction;
  readonly driver: VectorStoreDriver;
  readonly sparseEmbedding: SparseEmbeddingFunction | undefined;
  readonly #requestedMetric: VectorMetric | undefined;
  readonly #closeDriver: boolean;
  #opened: Promise<CheckedCollection> | undefined;
  #metric: VectorMetric;
  #reportedCreated = false;
  #closed = false;

  constructor(options: CreateVectorStoreOptions) {
    const issues: { path: string; message: string }[] = [];
    if (!options?.driver || typeof options.driver.openCollection !== 'function') {
      issues.push({ path: 'driver', message: 'a store driver is required' });
    }
    if (!options?.embedding || typeof options.embedding.encodeDocuments !== 'function') {
      issues.push({ path: 'embedding', message: 'an embedding function is required' });
    }
    const collection = options?.collection ?? 'documents';
    if (typeof collection !== 'string' || collection === '') {
      issues.push({ path: 'collection', message: 'expected a non-empty collection name' });
    }
    const metric = options?.metric;
    if (metric !== undefined && metric !== 'cosine' && metric !== 'ip' && metric !== 'l2') {
      issues.push({
        path: 'metric',
        message: `expected "cosine", "ip" or "l2", got ${JSON.stringify(metric)}`,
      });
    }
    const sparseEmbedding = options?.sparseEmbedding;
    if (sparseEmbedding !== undefined && typeof sparseEmbedding?.encodeQueries !== 'function') {
      issues.push({ path: 'sparseEmbedding', message: 'expected a sparse embedding function' });
    }
    if (issues.length > 0) throw new InvalidConfigError({ subject: 'vector store', issues });
    if (sparseEmbedding && options.driver.sparseVectors !== true) {
      throw sparseNotSupported(options.driver.kind, 'keep a sparse embedding');
    }
    this.driver = options.driver;
    this.sparseEmbedding = sparseEmbedding;
    this.kind = options.driver.kind;
    this.embedding = options.embedding;
    this.collection = collection;
    this.#requestedMetric = metric;
    this.#metric = metric ?? 'cosine';
    this.#closeDriver = options.closeDriver ?? true;
  }

  /** The collection's metric: the one it was built with once it is open. */
  get metric(): VectorMetric {
    return this.#metric;
  }

  get location(): string {
    return this.driver.location;
  }

  get engine(): string {
    return this.driver.engine ?? this.driver.kind;
  }

  async ensureCollection(): Promise<CollectionInfo> {
    const opened = await this.#open();
    const created = opened.created && !this.#reportedCreated;
    this.#reportedCreated = true;
    return {
      name: this.collection,
      embedding: opened.record.embedding,
      space: opened.record.space,
      dim: opened.record.dim,
      metric: opened.record.metric,
      created,
    };
  }

  async addDocuments(
    documents: readonly DocumentInput[],
    options: AddDocumentsOptions = {},
  ): Promise<string[]> {
    const prepared = await this.#ingest(documents, undefined, options);
    return prepared.map((document) => document.id);
  }

  async addDocumentGroups(
    groups: readonly (readonly DocumentInput[])[],
    options: AddDocumentsOptions = {},
  ): Promise<string[][]> {
    if (!Array.isArray(groups) || groups.some((group) => !Array.isArray(group))) {
      throw new InvalidInputError({
        message:
          'Expected an array of documents, each an array of chunks such as [[{ text: "…" }]].',
      });
    }
    const prepared = await this.#ingest(
      groups.flat(),
      groups.map((group) => group.length),
      options,
    );
    return splitIntoGroups(
      groups,
      prepared.map((document) => document.id),
    );
  }

  async addVectors(
    documents: readonly VectorDocumentInput[],
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    const checked = prepareDocuments(documents);
    const { record } = await this.#open();
    const prepared = this.#fit(checked);
    const vectors = documents.map((document, index) =>
      checkStoreVector(document.vector, record.dim, this.collection, index),
    );
    const given = documents.map((document, index) =>
      document.sparseVector === undefined
        ? undefined
        : checkSparseVector(document.sparseVector, {
            what: `Document ${index}'s sparse vector`,
            index,
          }),
    );
    if (given.some((sparse) => sparse !== undefined) && this.driver.sparseVectors !== true) {
      throw sparseNotSupported(this.kind, 'keep sparse vectors');
    }
    throwIfAborted(options.signal, storeCallAborted);
    await this.#write(prepared, vectors, options.signal, given);
    return prepared.map((document) => document.id);
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    const { record } = await this.#open();
    checkQueryText(query);
    // Options first: a bad topK or filter must not cost a (paid) query embedding.
    const checked = checkSearchOptions(this.driver, options);
    const candidates = this.#checkRerank(options, checked.topK);
    const [vector] = await this.embedding.encodeQueries([query], { signal: options.signal });
    const request = {
      ...checked,
      topK: candidates ?? checked.topK,
      vector: checkStoreVector(vector!, record.dim, this.collection),
    };
    throwIfAborted(options.signal, storeCallAborted);
    const hits = this.#ordered(
      await this.driver.query(this.collection, request),
      this.#metric === 'l2',
    );
    return options.rerank
      ? rerankHits(query, hits, options.rerank, checked.topK, options.signal)
      : hits;
  }

  async searchByVector(
    vector: Float32Array | readonly number[],
    options: SearchOptions = {},
  ): Promise<SearchResult[]> {
    const { record } = await this.#open();
    refuseRerankWithoutText('searchByVector', 'search', options);
    const request = checkSearchRequest(this.driver, vector, record.dim, this.collection, options);
    throwIfAborted(options.signal, storeCallAborted);
    return this.#ordered(await this.driver.query(this.collection, request), this.#metric === 'l2');
  }

  /**
   * Dense + full-text search merged by `ranker` (default RRF, k = 60). `NotSupportedError` when
   * the engine (or this collection) has no full-text side.
   */
  async hybridSearch(text: string, options: HybridSearchOptions = {}): Promise<SearchResult[]> {
    const { record } = await this.#open();
    const hybridQuery = this.driver.hybridQuery?.bind(this.driver);
    const sparseEmbedding = this.sparseEmbedding;
    if (!hybridQuery && !sparseEmbedding) {
      throw new NotSupportedError({
        message: `The ${this.kind} store has no full-text search, so hybrid search is not available; give the store a sparseEmbedding (such as @embedkit/bm25) when its driver keeps sparse vectors, or use search().`,
      });
    }
    checkQueryText(text);
    // Options first: a bad topK, filter or candidates must not cost a (paid) query embedding.
    const checked = checkSearchOptions(this.driver, options);
    const candidates = checkCandidates(options.candidates, checked.topK);
    const rerankCandidates = this.#checkRerank(options, checked.topK);
    if (sparseEmbedding) {
      // A bad ranker must not cost the query embeddings either (fuseHybridHits checks it).
      const ranker = options.ranker ?? { type: 'rrf', k: 60 };
      fuseHybridHits({ dense: [], fullText: [], ranker, metric: this.#metric, topK: 1 });
      const [sparse] = await sparseEmbedding.encodeQueries([text], { signal: options.signal });
      const [dense] = await this.embedding.encodeQueries([text], { signal: options.signal });
      const fused = await this.hybridSearchByVectors(
        { dense: dense!, sparse: sparse! },
        { ...options, rerank: undefined, topK: rerankCandidates ?? checked.topK },
      );
      return options.rerank
        ? rerankHits(text, fused, options.rerank, checked.topK, options.signal)
        : fused;
    }
    const [vector] = await this.embedding.encodeQueries([text], { signal: options.signal });
    const request = {
      ...checked,
      topK: rerankCandidates ?? checked.topK,
      vector: checkStoreVector(vector!, record.dim, this.collection),
    };
    throwIfAborted(options.signal, storeCallAborted);
    const hits = await hybridQuery!(this.collection, {
      ...request,
      text,
      candidates: Math.max(candidates, request.topK),
      ranker: options.ranker ?? { type: 'rrf', k: 60 },
    });
    // Fused scores are higher-is-better whatever the metric.
    const ordered = this.#ordered(hits, false);
    return options.rerank
      ? rerankHits(text, ordered, options.rerank, checked.topK, options.signal)
      : ordered;
  }

  /** Documents whose sparse vector shares an index with `vector`, by inner product, best first. */
  async searchBySparseVector(
    vector: SparseVector,
    options: SearchOptions = {},
  ): Promise<SearchResult[]> {
    const querySparse = this.#sparseQuery('search by sparse vector');
    refuseRerankWithoutText('searchBySparseVector', 'search', options);
    await this.#open();
    const checked = checkSearchOptions(this.driver, options);
    const sparse = checkSparseVector(vector, { what: 'The sparse query vector' });
    throwIfAborted(options.signal, storeCallAborted);
    return this.#ordered(await querySparse(this.collection, { ...checked, sparse }), false);
  }

  /**
   * Hybrid search with both query vectors given: `candidates` dense and `candidates` sparse hits
   * (default `max(topK * 2, 20)`), fused by `ranker` (default RRF, k = 60) with core's
   * `fuseHybridHits`, so the ranking is the same on every store with sparse vectors.
   */
  async hybridSearchByVectors(
    vectors: HybridVectors,
    options: HybridSearchOptions = {},
  ): Promise<SearchResult[]> {
    const querySparse = this.#sparseQuery('hybrid search with a sparse vector');
    refuseRerankWithoutText('hybridSearchByVectors', 'hybridSearch', options);
    const { record } = await this.#open();
    const checked = checkSearchOptions(this.driver, options);
    const candidates = checkCandidates(options.candidates, checked.topK);
    const ranker = options.ranker ?? { type: 'rrf', k: 60 };
    const dense = checkStoreVector(vectors?.dense, record.dim, this.collection);
    const sparse = checkSparseVector(vectors?.sparse, { what: 'The sparse query vector' });
    // The ranker is checked before any query runs: fuseHybridHits throws on a bad one.
    fuseHybridHits({ dense: [], fullText: [], ranker, metric: this.#metric, topK: 1 });
    throwIfAborted(options.signal, storeCallAborted);
    const sideQuery = { ...checked, topK: candidates };
    const [denseHits, sparseHits] = await Promise.all([
      this.driver.query(this.collection, { ...sideQuery, vector: dense }),
      querySparse(this.collection, { ...sideQuery, sparse }),
    ]);
    return fuseHybridHits({
      dense: this.#ordered(denseHits, this.#metric === 'l2'),
      fullText: this.#ordered(sparseHits, false),
      ranker,
      metric: this.#metric,
      topK: checked.topK,
    });
  }

  async get(ids: readonly string[]): Promise<StoredDocument[]> {
    checkIds(ids);
    await this.#open();
    return ids.length === 0 ? [] : this.driver.get(this.collection, ids);
  }

  async delete(selector: DeleteSelector): Promise<void> {
    // A selector without ids or a filter would reach the driver as "no condition", which
    // deletes every document: only an explicit `{ filter: {} }` means that.
    const filter = (selector as { filter?: unknown } | null)?.filter;
    if (
      typeof selector !== 'object' ||
      selector === null ||
      (!('ids' in selector) &&
        (filter === undefined || (typeof filter === 'string' && filter.trim() === '')))
    ) {
      throw new InvalidInputError({
        message:
          'delete() takes { ids: [...] } or { filter: ... } (a filter object, or a non-empty expression string where the store has them); to delete every document, pass { filter: {} }.',
      });
    }
    let driverSelector: DriverDeleteSelector;
    if ('ids' in selector) {
      checkIds(selector.ids);
      if (selector.ids.length === 0) return;
      driverSelector = { ids: selector.ids };
    } else {
      const { filter } = checkSearchOptions(this.driver, { filter: selector.filter });
      driverSelector = filter === undefined ? { all: true } : { filter };
    }
    await this.#open();
    await this.driver.delete(this.collection, driverSelector);
  }

  async count(): Promise<number> {
    await this.#open();
    return this.driver.count(this.collection);
  }

  /**
   * Makes what was written durable and searchable on indexed data now (Milvus: seals segments;
   * a memory store with a file: saves it). A no-op for engines that always are.
   */
  async flush(): Promise<void> {
    await this.#open();
    await this.driver.flush?.(this.collection);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#opened = undefined;
    if (this.#closeDriver) await this.driver.close();
  }

  /**
   * Checks, fits and ingests documents (consecutive `groups` of them being one document's
   * chunks), returning them as prepared, ids included, in order.
   */
  async #ingest(
    documents: readonly DocumentInput[],
    groups: readonly number[] | undefined,
    options: AddDocumentsOptions,
  ): Promise<{ id: string }[]> {
    const checked = prepareDocuments(documents);
    await this.#open();
    const prepared = this.#fit(checked);
    await runIngestPipeline({
      store: this.kind,
      embedding: this.embedding,
      documents: prepared,
      ...(groups === undefined ? {} : { groups }),
      batchSize: options.batchSize,
      signal: options.signal,
      onProgress: options.onProgress,
      onRetry: options.onRetry,
      write: (rows, vectors) => this.#write(rows, vectors, options.signal),
    });
    return prepared;
  }

  async #write(
    rows: readonly { id: string; text: string; metadata: DocumentInput['metadata'] }[],
    vectors: readonly Float32Array[],
    signal: AbortSignal | undefined,
    given: readonly (SparseVector | undefined)[] = [],
  ): Promise<void> {
    const sparse = [...given];
    const missing = rows.flatMap((_row, index) => (sparse[index] === undefined ? [index] : []));
    if (this.sparseEmbedding && missing.length > 0) {
      const encoded = await this.sparseEmbedding.encodeDocuments(
        missing.map((index) => rows[index]!.text),
        { signal },
      );
      missing.forEach((index, position) => {
        sparse[index] = checkSparseVector(encoded[position], {
          what: `The sparse embedding's vector for document ${index}`,
        });
      });
    }
    await this.driver.upsert(
      this.collection,
      rows.map((row, index) => ({
        id: row.id,
        text: row.text,
        metadata: row.metadata ?? {},
        vector: vectors[index]!,
        ...(sparse[index] === undefined ? {} : { sparse: sparse[index] }),
      })),
      { signal },
    );
  }

  /** The driver's sparse search, or the `NotSupportedError` saying what the store cannot do. */
  #sparseQuery(what: string): NonNullable<VectorStoreDriver['querySparse']> {
    const querySparse = this.driver.querySparse?.bind(this.driver);
    if (this.driver.sparseVectors !== true || !querySparse) {
      throw sparseNotSupported(this.kind, what);
    }
    return querySparse;
  }

  /** The candidate count of a `rerank` option, checked; `undefined` without one. */
  #checkRerank(options: SearchOptions, topK: number): number | undefined {
    if (options.rerank === undefined) return undefined;
    if (options.outputFields !== undefined && !options.outputFields.includes('text')) {
      throw new InvalidInputError({
        message:
          'A reranked search needs the hits\' text; keep "text" in outputFields or drop rerank.',
      });
    }
    return checkSearchRerank(options.rerank, topK);
  }

  /** The driver's `fitDocuments`, when it has one: refusals and truncation before any embedding. */
  #fit<Document extends { id: string; text: string }>(documents: Document[]): Document[] {
    return this.driver.fitDocuments?.(this.collection, documents) ?? documents;
  }

  #open(): Promise<CheckedCollection> {
    if (this.#closed) {
      return Promise.reject(
        new StoreError({
          store: this.kind,
          message: `The ${this.kind} store for collection "${this.collection}" is closed; create a new store.`,
        }),
      );
    }
    this.#opened ??= this.#openCollection();
    this.#opened.catch(() => {
      this.#opened = undefined;
    });
    return this.#opened;
  }

  async #openCollection(): Promise<CheckedCollection> {
    const dim = await this.embedding.resolveDim();
    const space = this.embedding.space;
    const record: CollectionRecord = {
      embedding: this.embedding.toConfig(),
      space,
      dim,
      metric: this.#requestedMetric ?? 'cosine',
    };
    const opened = await this.driver.openCollection({ collection: this.collection, record });
    if (opened.record === undefined) return this.#adoptForeignCollection(opened, record);
    checkEmbeddingSpace(this.collection, opened.record.space, space);
    if (this.#requestedMetric !== undefined && opened.record.metric !== this.#requestedMetric) {
      throw new InvalidConfigError({
        subject: `${this.kind} store`,
        issues: [
          {
            path: 'metric',
            message: `collection "${this.collection}" was built with the ${opened.record.metric} metric, not ${this.#requestedMetric}; leave metric unset to use the collection's, or use another collection`,
          },
        ],
      });
    }
    this.#metric = opened.record.metric;
    return { record: opened.record, created: opened.created };
  }

  /**
   * A collection another tool made has no record of how its vectors were built: the store's own
   * embedding is trusted, and only the dimension (when the engine knows it) can be checked.
   */
  #adoptForeignCollection(opened: OpenedCollection, record: CollectionRecord): CheckedCollection {
    if (opened.dim !== undefined && opened.dim !== record.dim) {
      throw new DimensionMismatchError({
        message: `Collection "${this.collection}" (made outside embedkit) holds ${opened.dim}-dimensional vectors, but ${record.embedding.provider} produces ${record.dim}; use the embedding that built it, or another collection.`,
        expected: opened.dim,
        actual: record.dim,
      });
    }
    const metric = opened.metric ?? record.metric;
    if (this.#requestedMetric !== undefined && metric !== this.#requestedMetric) {
      throw new InvalidConfigError({
        subject: `${this.kind} store`,
        issues: [
          {
            path: 'metric',
            message: `collection "${this.collection}" is indexed with the ${metric} metric, not ${this.#requestedMetric}; leave metric unset to use the collection's`,
          },
        ],
      });
    }
    this.#metric = metric;
    return { record: { ...record, metric }, created: opened.created };
  }

  /** Hits best first, equal scores by id: the same order from every engine. */
  #ordered(hits: SearchResult[], lowerIsBetter: boolean): SearchResult[] {
    return hits.sort(
      (left, right) =>
        (lowerIsBetter ? left.score - right.score : right.score - left.score) ||
        (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
    );
  }
}

/** An opened collection whose record core has checked (or, for a foreign one, supplied). */
interface CheckedCollection {
  record: CollectionRecord;
  created: boolean;
}

/** What an aborted store call says: it stopped before the store saw it. */
const storeCallAborted = 'The store call was aborted before it reached the store.';

/** Builds a vector store on a driver. Nothing is opened until first use. */
export function createVectorStore(options: CreateVectorStoreOptions): DriverVectorStore {
  return new DriverVectorStore(options);
}

function checkQueryText(text: unknown): void {
  if (typeof text !== 'string' || text === '') {
    throw new InvalidInputError({
      message: `Expected a non-empty query text, got ${typeof text === 'string' ? 'an empty string' : typeof text}.`,
    });
  }
}

function checkCandidates(candidates: number | undefined, topK: number): number {
  const checked = candidates ?? Math.max(topK * 2, 20);
  if (!Number.isInteger(checked) || checked < 1) {
    throw new InvalidInputError({
      message: `candidates must be a positive integer, got ${checked}.`,
    });
  }
  return checked;
}

function sparseNotSupported(kind: string, what: string): NotSupportedError {
  return new NotSupportedError({
    message: `The ${kind} store's driver does not keep sparse vectors, so it cannot ${what}; use a store whose driver declares sparseVectors (memory, pgvector, or Milvus with sparseVectors: true), or leave sparse vectors out.`,
  });
}

function checkIds(ids: unknown): void {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw new InvalidInputError({ message: 'Expected ids as an array of non-empty strings.' });
  }
}

/** A reranker reads the query text; the by-vector searches have none, so `rerank` is refused. */
function refuseRerankWithoutText(method: string, textMethod: string, options: SearchOptions): void {
  if (options.rerank === undefined) return;
  throw new InvalidInputError({
    message: `${method} has no query text for a reranker to read; use ${textMethod}(query, { rerank }) instead.`,
  });
}
