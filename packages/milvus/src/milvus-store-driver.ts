import {
  type DriverDeleteSelector,
  type DriverQuery,
  type HybridDriverQuery,
  InvalidConfigError,
  InvalidInputError,
  type OpenCollectionRequest,
  type OpenedCollection,
  type SearchResult,
  type SparseDriverQuery,
  type StoredDocument,
  StoreError,
  type StoreRow,
  throwIfAborted,
  type VectorStoreDriver,
  zodIssues,
} from '@embedkit/core';
import {
  ConsistencyLevelEnum,
  type MilvusClient,
  type RowData,
  type SearchSimpleReq,
} from '@zilliz/milvus2-sdk-node';
import { directUpsert } from './direct-upsert.js';
import { insertBatches, type MilvusRow } from './insert-batches.js';
import { isDynamicMetadata, metadataFilterExpression } from './metadata-filter-expression.js';
import {
  configuredAddress,
  type MilvusConnection,
  openMilvusConnection,
} from './milvus-connection.js';
import {
  callMilvus,
  checkStatus,
  isUnsupportedReason,
  milvusStoreKind,
  notSupported,
} from './milvus-errors.js';
import type { MilvusFieldNames } from './milvus-field-names.js';
import { hybridSearchRequest } from './milvus-hybrid-search.js';
import { milvusQuery } from './milvus-query.js';
import { fitDocuments, toSearchResult } from './milvus-rows.js';
import { milvusFields } from './milvus-schema.js';
import { checkTopK, outputFieldNames } from './milvus-search-options.js';
import {
  searchableSparseEntries,
  sparseEntriesRecord,
  storableSparseEntries,
} from './milvus-sparse-vector.js';
import {
  type MilvusDriverSettings,
  milvusDriverSettings,
  type ResolvedMilvusDriverSettings,
} from './milvus-store-settings.js';
import { type MilvusCollection, openMilvusCollection } from './open-milvus-collection.js';

/** What `new MilvusStoreDriver()` takes: the settings plus what cannot be configured as JSON. */
export interface MilvusStoreDriverOptions extends MilvusDriverSettings {
  /**
   * An SDK client to use instead of creating one from `address` and `token`. The driver does
   * not close a client it was given.
   */
  client?: MilvusClient;
  /**
   * Start Milvus Lite on `dbPath` even when `MILVUS_URI` is set (the `milvus-lite` store kind:
   * a config that names a data path means that path, whatever the environment says).
   */
  embedded?: boolean;
}

/**
 * The Milvus engine behind `createMilvusStore`: Milvus Lite, a Milvus server or cluster, or Zilliz
 * Cloud through the official Node SDK. One driver holds one connection and may serve several
 * collections; core's `createVectorStore` does the rest (ids, checks, ingest, embedding space).
 *
 * Writes take the direct path by default (see `writePath`): each request's columns are encoded
 * straight from the rows' `Float32Array` vectors, which are never copied into `number[]`.
 */
export class MilvusStoreDriver implements VectorStoreDriver {
  readonly kind = milvusStoreKind;
  /** The server address, or Milvus Lite's data path; never the token. */
  readonly location: string;
  /** `Milvus Lite` when it runs embedded on a data file, `Milvus server` otherwise. */
  readonly engine: string;
  /** Raw Milvus boolean expressions are accepted as filters, e.g. `metadata["page"] >= 2`. */
  readonly nativeFilters = true;
  /**
   * With the `sparseVectors` setting: rows keep caller-given sparse vectors in the collection's
   * `sparse_vector` field, searched by inner product; core fuses hybrid searches by vectors.
   */
  readonly sparseVectors: boolean;
  // Private: it holds the token, which must never show up in a log of the store.
  readonly #settings: Readonly<ResolvedMilvusDriverSettings>;
  readonly #client: MilvusClient | undefined;
  readonly #embedded: boolean;
  readonly #collections = new Map<string, MilvusCollection>();
  #connection: Promise<MilvusConnection> | undefined;
  #closed = false;

  constructor(options: MilvusStoreDriverOptions = {}) {
    const { client, embedded, ...settings } = options;
    const parsed = milvusDriverSettings.safeParse(settings);
    if (!parsed.success) {
      throw new InvalidConfigError({
        subject: 'Milvus store settings',
        issues: zodIssues(parsed.error),
      });
    }
    this.#settings = parsed.data;
    this.sparseVectors = parsed.data.sparseVectors;
    this.#client = client;
    this.#embedded = embedded === true;
    const address = this.#embedded ? undefined : configuredAddress(parsed.data);
    this.engine =
      this.#embedded || (!client && address === undefined) ? 'Milvus Lite' : 'Milvus server';
    this.location = client
      ? (client.config?.address ?? 'the injected client')
      : address === undefined
        ? parsed.data.dbPath
        : withoutCredentials(address);
  }

  async openCollection(request: OpenCollectionRequest): Promise<OpenedCollection> {
    const connection = await this.#open();
    throwIfAborted(request.signal, milvusCallAborted);
    const collection = await openMilvusCollection({
      connection,
      name: request.collection,
      record: request.record,
      settings: this.#settings,
    }).catch((error: unknown) => {
      connection.checkData(request.collection);
      throw this.#embedded ? damagedLiteData(error, this.location) : error;
    });
    connection.checkData(request.collection);
    this.#collections.set(request.collection, collection);
    return {
      record: collection.record,
      created: collection.created,
      ...(collection.dim === undefined ? {} : { dim: collection.dim }),
      ...(collection.metric === undefined ? {} : { metric: collection.metric }),
    };
  }

  /**
   * Makes documents fit the collection's fields before anything is embedded: an id over 512
   * bytes is refused, a text over the text field's `max_length` is refused naming the document,
   * or cut to the longest prefix that fits with `textOverflow: 'truncate'` (so the prefix is what
   * gets embedded and stored).
   */
  fitDocuments<Document extends { id: string; text: string }>(
    collection: string,
    documents: readonly Document[],
  ): Document[] {
    const opened = this.#collection(collection);
    if (opened.fields.idType === 'int64') checkIntegerIds(documents, collection, opened.fields.id);
    return fitDocuments(documents, {
      maxBytes: opened.textMaxLength,
      overflow: this.#settings.textOverflow,
    });
  }

  async upsert(
    collection: string,
    rows: readonly StoreRow[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const { client, place, checkData } = await this.#ready(collection);
    const { fields, foreign, sparseVectors } = this.#collection(collection);
    if (sparseVectors && !this.sparseVectors) throw sparseFieldNeedsSetting(collection);
    // Rows that fit (all of them when core fitted them first) are passed on as they came.
    const fitted = this.fitDocuments(collection, rows);
    // Sparse vectors Milvus cannot keep are refused here, before any batch is written.
    const written: readonly MilvusRow[] = sparseVectors
      ? fitted.map((row) => ({
          ...row,
          sparse: storableSparseEntries(row.sparse, `Document "${row.id}"'s sparse vector`),
        }))
      : fitted;
    const batches = insertBatches(written, {
      maxRows: this.#settings.insertBatchRows,
      maxBytes: this.#settings.insertBatchBytes,
    });
    try {
      for (const batch of batches) {
        throwIfAborted(options.signal, milvusCallAborted);
        const action = `upsert ${batch.length} documents into collection "${collection}"`;
        const response = await callMilvus(action, place, async () => {
          // The direct path writes embedkit's own schema; a foreign one goes through the SDK by name.
          const direct =
            this.#settings.writePath === 'direct' && !foreign
              ? await directUpsert(client, collection, batch, {
                  timeoutMs: this.#settings.timeoutMs,
                  sparseVectors,
                })
              : undefined;
          return (
            direct ??
            client.upsert({
              collection_name: collection,
              data: batch.map((row) => sdkRow(row, fields, sparseVectors)),
            })
          );
        });
        checkStatus(response.status, action);
      }
    } catch (error) {
      // A write that failed because the data folder vanished under it says so.
      checkData(collection);
      throw error;
    }
    checkData(collection);
  }

  async query(collection: string, query: DriverQuery): Promise<SearchResult[]> {
    const topK = checkTopK(query.topK);
    const { client, place } = await this.#ready(collection);
    const { fields } = this.#collection(collection);
    const filter = metadataFilterExpression(query.filter, fields);
    const outputFields = outputFieldNames(query.outputFields, fields);
    throwIfAborted(query.signal, milvusCallAborted);
    const action = `search collection "${collection}"${filter ? ` with filter ${filter}` : ''}`;
    return this.#search({ client, place }, action, fields, {
      collection_name: collection,
      data: Array.from(query.vector),
      anns_field: fields.vector,
      limit: topK,
      output_fields: outputFields,
      ...(filter ? { filter } : {}),
    });
  }

  /**
   * The rows whose `sparse_vector` shares an index with the query, by inner product (Milvus' IP
   * distance is the score as it is). Zero weights are dropped as they are on write, so a query
   * with none left matches nothing.
   */
  async querySparse(collection: string, query: SparseDriverQuery): Promise<SearchResult[]> {
    const topK = checkTopK(query.topK);
    const { fields, sparseVectors } = this.#collection(collection);
    if (!sparseVectors) {
      throw notSupported(
        'Sparse search',
        `collection "${collection}" has no "sparse_vector" field; create the store with sparseVectors: true (or a sparseEmbedding) on a new collection.`,
      );
    }
    const entries = searchableSparseEntries(query.sparse);
    const filter = metadataFilterExpression(query.filter, fields);
    const outputFields = outputFieldNames(query.outputFields, fields);
    if (entries.indices.length === 0) return [];
    const { client, place } = await this.#ready(collection);
    throwIfAborted(query.signal, milvusCallAborted);
    const action = `search the sparse vectors of collection "${collection}"${filter ? ` with filter ${filter}` : ''}`;
    return this.#search({ client, place }, action, fields, {
      collection_name: collection,
      data: sparseEntriesRecord(entries),
      anns_field: milvusFields.sparseVector,
      metric_type: 'IP',
      limit: topK,
      output_fields: outputFields,
      ...(filter ? { filter } : {}),
    });
  }

  /** One `search` call at the store's consistency level, its status checked, hits read back. */
  async #search(
    { client, place }: Pick<MilvusConnection, 'client' | 'place'>,
    action: string,
    fields: MilvusFieldNames,
    request: Omit<SearchSimpleReq, 'consistency_level'>,
  ): Promise<SearchResult[]> {
    const response = await callMilvus(action, place, () =>
      client.search({ ...request, consistency_level: this.#consistency() }),
    );
    checkStatus(response.status, action);
    return (response.results as Record<string, unknown>[]).map((hit) =>
      toSearchResult(hit, fields),
    );
  }

  /**
   * Searches the dense side (the query's vector) and the sparse side (server-side BM25 on the
   * text) and merges them with the ranker. Fails with `NotSupportedError` when the collection
   * has no BM25 side (created with `fullText: false`, or on a server without BM25).
   */
  async hybridQuery(collection: string, query: HybridDriverQuery): Promise<SearchResult[]> {
    if (!this.#collection(collection).fullText) {
      throw notSupported(
        'Hybrid search',
        `collection "${collection}" has no BM25 full-text field (it was created with fullText: false, or on a server without BM25 functions; they need Milvus 2.5+ or Milvus Lite 3). Create a new collection with fullText: true on such a server.`,
      );
    }
    const request = hybridSearchRequest({
      collection,
      vector: Array.from(query.vector),
      text: query.text,
      topK: checkTopK(query.topK),
      candidates: checkTopK(query.candidates, 'candidates'),
      filter: metadataFilterExpression(query.filter),
      ranker: query.ranker,
      consistencyLevel: this.#consistency(),
      outputFields: outputFieldNames(query.outputFields),
    });
    const { client, place } = await this.#ready(collection);
    throwIfAborted(query.signal, milvusCallAborted);
    const action = `run a hybrid search on collection "${collection}"`;
    const response = await callMilvus(action, place, () => client.hybridSearch(request));
    const reason = response.status?.reason ?? '';
    if (response.status?.error_code !== 'Success' && isUnsupportedReason(reason)) {
      throw notSupported('This hybrid search', reason);
    }
    checkStatus(response.status, action);
    return (response.results as Record<string, unknown>[]).map((hit) => toSearchResult(hit));
  }

  async get(collection: string, ids: readonly string[]): Promise<StoredDocument[]> {
    return (await this.#query(collection)).byIds(ids);
  }

  async delete(collection: string, selector: DriverDeleteSelector): Promise<void> {
    await (await this.#query(collection)).delete(selector);
  }

  async *readIds(
    collection: string,
    options: { pageSize: number; signal?: AbortSignal },
  ): AsyncIterable<readonly string[]> {
    yield* (await this.#query(collection)).ids(options.pageSize, options.signal);
  }

  async getRows(collection: string, ids: readonly string[]): Promise<StoreRow[]> {
    return (await this.#query(collection)).rowsByIds(ids);
  }

  async count(collection: string): Promise<number> {
    return (await this.#query(collection)).count();
  }

  /**
   * Seals the rows written so far into segments and waits until the server has done so, so it
   * can index them. Upserts never flush (Milvus seals segments by size and time on its own);
   * call this after a large ingest when searches should run on indexed data right away — on
   * Milvus Lite, unsealed rows are searched by brute force on every query.
   */
  async flush(collection: string): Promise<void> {
    const { client, place, checkData } = await this.#ready(collection);
    const action = `flush collection "${collection}"`;
    const response = await callMilvus(action, place, () =>
      client.flushSync({ collection_names: [collection] }),
    );
    checkStatus(response.status, action);
    checkData(collection);
  }

  /** Closes the connection and stops a Milvus Lite the driver started; an injected client stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const connection = this.#connection;
    this.#connection = undefined;
    this.#collections.clear();
    await connection?.then((open) => open.close()).catch(() => {});
  }

  async #query(collection: string) {
    const connection = await this.#ready(collection);
    const { fields, sparseVectors } = this.#collection(collection);
    return milvusQuery(connection, collection, this.#consistency(), fields, sparseVectors);
  }

  #collection(name: string): MilvusCollection {
    const collection = this.#collections.get(name);
    if (!collection) {
      throw new StoreError({
        store: this.kind,
        message: `Collection "${name}" has not been opened on this Milvus driver; call openCollection() first (createVectorStore does).`,
      });
    }
    return collection;
  }

  #consistency(): ConsistencyLevelEnum {
    return ConsistencyLevelEnum[this.#settings.consistencyLevel];
  }

  /** The connection, once Milvus Lite's data is known to be still there and undamaged. */
  async #ready(collection: string): Promise<MilvusConnection> {
    const connection = await this.#open();
    connection.checkData(collection);
    return connection;
  }

  #open(): Promise<MilvusConnection> {
    if (this.#closed) {
      return Promise.reject(
        new StoreError({
          store: this.kind,
          message: `This Milvus driver (${this.location}) is closed; create a new store.`,
        }),
      );
    }
    this.#connection ??= openMilvusConnection({
      client: this.#client,
      settings: this.#settings,
      embedded: this.#embedded,
    });
    this.#connection.catch(() => {
      this.#connection = undefined;
    });
    return this.#connection;
  }
}

/**
 * A collection Milvus Lite cannot open or create is almost always damaged data (a collection
 * folder left half-written, a manifest edited by hand): the error says where it is and what to do.
 */
function damagedLiteData(error: unknown, dbPath: string): unknown {
  if (!StoreError.isInstance(error) || error.isRetryable) return error;
  return new StoreError({
    store: error.store,
    message: `${error.message.replace(/\.?$/, '.')} Milvus Lite's data at ${dbPath} looks damaged; move it aside (or delete it) and index again to rebuild it.`,
    cause: error,
  });
}

/** What an aborted Milvus call says: it stopped before it was sent. */
const milvusCallAborted = 'The Milvus call was aborted before it was sent.';

/** An address without `user:password@`, for messages. */
function withoutCredentials(address: string): string {
  return address.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** A row as the SDK writes it into a collection whose fields are `fields`. */
function sdkRow(row: MilvusRow, fields: MilvusFieldNames, sparseVectors: boolean): RowData {
  return {
    ...(isDynamicMetadata(fields) ? row.metadata : { [fields.metadata]: row.metadata }),
    [fields.id]: fields.idType === 'int64' ? Number(row.id) : row.id,
    [fields.vector]: Array.from(row.vector),
    [fields.text]: row.text,
    ...(sparseVectors && row.sparse
      ? { [milvusFields.sparseVector]: sparseEntriesRecord(row.sparse) }
      : {}),
  };
}

/**
 * A collection with the `sparse_vector` field takes a sparse entry in every row: a driver that
 * was not asked to keep sparse vectors would write rows that silently lose theirs.
 */
function sparseFieldNeedsSetting(collection: string): InvalidConfigError {
  return new InvalidConfigError({
    subject: 'Milvus store',
    issues: [
      {
        path: 'sparseVectors',
        message: `collection "${collection}" keeps sparse vectors (it has a "sparse_vector" field); open it with sparseVectors: true, or a sparseEmbedding, so written documents keep theirs`,
      },
    ],
  });
}

/** An Int64 primary key takes only ids that are safe integers (JSON numbers lose the rest). */
function checkIntegerIds(
  documents: readonly { id: string }[],
  collection: string,
  field: string,
): void {
  for (const [index, document] of documents.entries()) {
    if (!/^-?\d+$/.test(document.id) || !Number.isSafeInteger(Number(document.id))) {
      throw new InvalidInputError({
        message: `Document ${index} has the id "${document.id}", but collection "${collection}" keys rows by the Int64 field "${field}"; give documents integer ids (up to ${Number.MAX_SAFE_INTEGER}).`,
        index,
      });
    }
  }
}
