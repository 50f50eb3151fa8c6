import {
  type AddDocumentsOptions,
  type CollectionInfo,
  type DeleteSelector,
  DimensionMismatchError,
  type DocumentInput,
  type EmbeddingFunction,
  InvalidConfigError,
  type PreparedDocument,
  prepareDocuments,
  runIngestPipeline,
  type SearchResult,
  type StoredDocument,
  StoreError,
  type VectorDocumentInput,
  type VectorMetric,
  type VectorStore,
  zodIssues,
} from '@embedkit/core';
import { ConsistencyLevelEnum, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import { directUpsert } from './direct-upsert.js';
import { insertBatches } from './insert-batches.js';
import { metadataFilterExpression } from './metadata-filter-expression.js';
import { type MilvusConnection, openMilvusConnection } from './milvus-connection.js';
import {
  callMilvus,
  checkStatus,
  isUnsupportedReason,
  milvusStoreKind,
  notSupported,
} from './milvus-errors.js';
import { type HybridSearchOptions, hybridSearchRequest } from './milvus-hybrid-search.js';
import { milvusQuery } from './milvus-query.js';
import { fitDocuments, toMilvusRow, toSearchResult } from './milvus-rows.js';
import { milvusFields } from './milvus-schema.js';
import { checkTopK, type MilvusSearchOptions, outputFieldNames } from './milvus-search-options.js';
import {
  type MilvusStoreOptions,
  milvusStoreSettings,
  type ResolvedMilvusStoreSettings,
} from './milvus-store-settings.js';
import { type CollectionState, openMilvusCollection } from './open-milvus-collection.js';

/**
 * A `VectorStore` on Milvus through the official Node SDK: Milvus Lite, a Milvus server or cluster,
 * or Zilliz Cloud. See `createMilvusStore`.
 */
export class MilvusVectorStore implements VectorStore {
  readonly kind = milvusStoreKind;
  readonly collection: string;
  readonly embedding: EmbeddingFunction;
  readonly metric: VectorMetric;
  // Private: it holds the token, which must never show up in a log of the store.
  readonly #settings: Readonly<ResolvedMilvusStoreSettings>;
  readonly #injectedClient: MilvusClient | undefined;
  #connection: Promise<MilvusConnection> | undefined;
  #collection: Promise<CollectionState> | undefined;
  #reportedCreated = false;
  #closed = false;

  constructor(options: MilvusStoreOptions) {
    const { embedding, client, ...settings } = options;
    if (!embedding || typeof embedding.encodeDocuments !== 'function') {
      throw new InvalidConfigError({
        subject: 'Milvus store settings',
        issues: [{ path: 'embedding', message: 'an embedding function is required' }],
      });
    }
    const parsed = milvusStoreSettings.safeParse(settings);
    if (!parsed.success) {
      throw new InvalidConfigError({
        subject: 'Milvus store settings',
        issues: zodIssues(parsed.error),
      });
    }
    this.#settings = parsed.data;
    this.embedding = embedding;
    this.collection = parsed.data.collection;
    this.metric = parsed.data.metric;
    this.#injectedClient = client;
  }

  async ensureCollection(): Promise<CollectionInfo> {
    const state = await this.#state();
    const created = state.info.created && !this.#reportedCreated;
    this.#reportedCreated = true;
    return { ...state.info, created };
  }

  async addDocuments(
    documents: readonly DocumentInput[],
    options: AddDocumentsOptions = {},
  ): Promise<string[]> {
    const prepared = prepareDocuments(documents);
    const state = await this.#state();
    const fitted = this.#fit(prepared, state);
    await runIngestPipeline({
      store: this.kind,
      embedding: this.embedding,
      documents: fitted,
      batchSize: options.batchSize,
      signal: options.signal,
      onProgress: options.onProgress,
      write: (rows, vectors) => this.#upsert(rows, vectors, options.signal),
    });
    return prepared.map((document) => document.id);
  }

  async addVectors(
    documents: readonly VectorDocumentInput[],
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    const prepared = prepareDocuments(documents);
    const state = await this.#state();
    const vectors = documents.map((document, index) => this.#checkVector(document.vector, index));
    await this.#upsert(this.#fit(prepared, state), vectors, options.signal);
    return prepared.map((document) => document.id);
  }

  async search(query: string, options: MilvusSearchOptions = {}): Promise<SearchResult[]> {
    await this.#state();
    const [vector] = await this.embedding.encodeQueries([query], { signal: options.signal });
    return this.searchByVector(vector!, options);
  }

  async searchByVector(
    vector: Float32Array | readonly number[],
    options: MilvusSearchOptions = {},
  ): Promise<SearchResult[]> {
    await this.#state();
    const query = Array.from(this.#checkVector(vector));
    const topK = checkTopK(options.topK ?? 10);
    const filter = metadataFilterExpression(options.filter);
    const { client, address } = await this.#open();
    options.signal?.throwIfAborted();
    const action = `search collection "${this.collection}"${filter ? ` with filter ${filter}` : ''}`;
    const response = await callMilvus(action, address, () =>
      client.search({
        collection_name: this.collection,
        data: query,
        anns_field: milvusFields.vector,
        limit: topK,
        output_fields: outputFieldNames(options.outputFields),
        consistency_level: this.#consistency(),
        ...(filter ? { filter } : {}),
      }),
    );
    checkStatus(response.status, action);
    return (response.results as Record<string, unknown>[]).map(toSearchResult);
  }

  /**
   * Searches the dense side (the query's vector) and the sparse side (server-side BM25 on the
   * text) and merges them with `ranker` (default RRF). Fails with `NotSupportedError` when the
   * collection has no BM25 side (created with `fullText: false`, or on a server without BM25).
   */
  async hybridSearch(text: string, options: HybridSearchOptions = {}): Promise<SearchResult[]> {
    const state = await this.#state();
    if (!state.fullText) {
      throw notSupported(
        'Hybrid search',
        `collection "${this.collection}" has no BM25 full-text field (it was created with fullText: false, or on a server without BM25 functions; they need Milvus 2.5+ or Milvus Lite 3). Create a new collection with fullText: true on such a server.`,
      );
    }
    const topK = checkTopK(options.topK ?? 10);
    const [vector] = await this.embedding.encodeQueries([text], { signal: options.signal });
    const filter = metadataFilterExpression(options.filter);
    const { client, address } = await this.#open();
    options.signal?.throwIfAborted();
    const action = `run a hybrid search on collection "${this.collection}"`;
    const request = hybridSearchRequest({
      collection: this.collection,
      vector: Array.from(vector!),
      text,
      topK,
      candidates: checkTopK(options.candidates ?? Math.max(topK * 2, 20)),
      filter,
      ranker: options.ranker ?? { type: 'rrf', k: 60 },
      consistencyLevel: this.#consistency(),
      outputFields: outputFieldNames(options.outputFields),
    });
    const response = await callMilvus(action, address, () => client.hybridSearch(request));
    const reason = response.status?.reason ?? '';
    if (response.status?.error_code !== 'Success' && isUnsupportedReason(reason)) {
      throw notSupported('This hybrid search', reason);
    }
    checkStatus(response.status, action);
    return (response.results as Record<string, unknown>[]).map(toSearchResult);
  }

  async get(ids: readonly string[]): Promise<StoredDocument[]> {
    await this.#state();
    return milvusQuery(await this.#open(), this.collection, this.#consistency()).byIds(ids);
  }

  async delete(selector: DeleteSelector): Promise<void> {
    await this.#state();
    await milvusQuery(await this.#open(), this.collection, this.#consistency()).delete(selector);
  }

  async count(): Promise<number> {
    await this.#state();
    return milvusQuery(await this.#open(), this.collection, this.#consistency()).count();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const connection = this.#connection;
    this.#connection = undefined;
    this.#collection = undefined;
    await connection?.then((open) => open.close()).catch(() => {});
  }

  async #upsert(
    rows: readonly PreparedDocument[],
    vectors: readonly (Float32Array | readonly number[])[],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { client, address } = await this.#open();
    const milvusRows = rows.map((row, index) => toMilvusRow(row, vectors[index]!));
    const batches = insertBatches(milvusRows, {
      maxRows: this.#settings.insertBatchRows,
      maxBytes: this.#settings.insertBatchBytes,
    });
    for (const batch of batches) {
      signal?.throwIfAborted();
      const action = `upsert ${batch.length} documents into collection "${this.collection}"`;
      const response = await callMilvus(action, address, async () => {
        const direct =
          this.#settings.writePath === 'direct'
            ? await directUpsert(client, this.collection, batch, this.#settings.timeoutMs)
            : undefined;
        return (
          direct ??
          client.upsert({
            collection_name: this.collection,
            data: batch.map((row) => ({ ...row, vector: Array.from(row.vector) })),
          })
        );
      });
      checkStatus(response.status, action);
    }
  }

  #fit(documents: readonly PreparedDocument[], state: CollectionState): PreparedDocument[] {
    return fitDocuments(documents, {
      maxBytes: state.textMaxLength,
      overflow: this.#settings.textOverflow,
    });
  }

  #checkVector<Vector extends Float32Array | readonly number[]>(
    vector: Vector,
    index?: number,
  ): Vector {
    const dim = this.embedding.dim;
    if (vector?.length !== dim) {
      throw new DimensionMismatchError({
        message: `${index === undefined ? 'The vector' : `Document ${index}'s vector`} has ${vector?.length} dimensions; collection "${this.collection}" holds ${dim}.`,
        expected: dim,
        actual: vector?.length ?? 0,
      });
    }
    return vector;
  }

  #consistency(): ConsistencyLevelEnum {
    return ConsistencyLevelEnum[this.#settings.consistencyLevel];
  }

  #open(): Promise<MilvusConnection> {
    if (this.#closed) {
      return Promise.reject(
        new StoreError({
          store: this.kind,
          message: `The Milvus store for collection "${this.collection}" is closed; create a new store.`,
        }),
      );
    }
    this.#connection ??= openMilvusConnection({
      client: this.#injectedClient,
      settings: this.#settings,
    });
    this.#connection.catch(() => {
      this.#connection = undefined;
    });
    return this.#connection;
  }

  #state(): Promise<CollectionState> {
    this.#collection ??= this.#open().then((connection) =>
      openMilvusCollection({
        connection,
        name: this.collection,
        embedding: this.embedding,
        settings: this.#settings,
      }),
    );
    this.#collection.catch(() => {
      this.#collection = undefined;
    });
    return this.#collection;
  }
}

/**
 * Creates a Milvus vector store. Nothing connects until first use; the SDK client is injected
 * (`client`) or created from `address`/`token` (or `MILVUS_URI`/`MILVUS_TOKEN`), and with no
 * address at all a Milvus Lite server is started on `dbPath` and stopped by `close()`.
 */
export function createMilvusStore(options: MilvusStoreOptions): MilvusVectorStore {
  return new MilvusVectorStore(options);
}
