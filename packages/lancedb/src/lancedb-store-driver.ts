import { resolve } from 'node:path';
import {
  type DriverDeleteSelector,
  type DriverQuery,
  type FilterNode,
  fuseHybridHits,
  type HybridDriverQuery,
  InvalidConfigError,
  InvalidInputError,
  NotSupportedError,
  type OpenCollectionRequest,
  type OpenedCollection,
  type SearchResult,
  type StoredDocument,
  StoreError,
  type StoreRow,
  throwIfAborted,
  type VectorStoreDriver,
  zodIssues,
} from '@embedkit/core';
import { type Connection, connect, Index } from '@lancedb/lancedb';
import { rowsTable } from './lancedb-arrow.js';
import { callLance, lanceStoreKind } from './lancedb-errors.js';
import { lanceFilterExpression, sqlColumn, sqlString } from './lancedb-filter-expression.js';
import {
  idChunks,
  idsPredicate,
  lanceDistanceType,
  scoreFromDistance,
  selectedColumns,
  toSearchResult,
  toStoredDocument,
} from './lancedb-queries.js';
import {
  type LanceDriverSettings,
  lanceDriverSettings,
  type ResolvedLanceDriverSettings,
} from './lancedb-store-settings.js';
import { lanceTopK } from './lancedb-top-k.js';
import { type LanceCollection, openLanceCollection } from './open-lancedb-collection.js';

/** What `new LanceDbStoreDriver()` takes: the settings plus an optional open connection. */
export interface LanceDbStoreDriverOptions extends LanceDriverSettings {
  /** A LanceDB connection to use instead of connecting to `uri`; the driver does not close it. */
  connection?: Connection;
}

/**
 * The LanceDB engine behind `createLanceDbStore`: one connection (a local folder, object storage
 * or LanceDB Cloud) serving any number of collections, each a table with the record of its
 * embedding space in the schema's metadata, a JSON metadata column filters compile to, and a
 * full-text index for hybrid search. Search is exact (a flat scan) until a table reaches
 * `indexThreshold` rows; then a vector index is built, queries probe LanceDB's default 20 IVF
 * partitions and re-score ten candidates per hit on the full vectors (exact scores).
 */
export class LanceDbStoreDriver implements VectorStoreDriver {
  readonly kind = lanceStoreKind;
  /** `LanceDB Cloud`, `LanceDB on object storage` or `LanceDB (embedded)`, for `embedkit info`. */
  readonly engine: string;
  /** The URI without credentials. */
  readonly location: string;
  readonly #settings: ResolvedLanceDriverSettings;
  readonly #injected: Connection | undefined;
  readonly #collections = new Map<string, LanceCollection>();
  #connection: Promise<Connection> | undefined;
  #closed = false;

  constructor(options: LanceDbStoreDriverOptions = {}) {
    const { connection, ...settings } = options;
    const parsed = lanceDriverSettings.safeParse(settings);
    if (!parsed.success) {
      throw new InvalidConfigError({
        subject: 'lancedb store settings',
        issues: zodIssues(parsed.error),
      });
    }
    this.#settings = parsed.data;
    this.#injected = connection;
    this.engine = /^db:\/\//i.test(parsed.data.uri)
      ? 'LanceDB Cloud'
      : /^[a-z][a-z0-9+.-]*:\/\//i.test(parsed.data.uri) && !connection
        ? 'LanceDB on object storage'
        : 'LanceDB (embedded)';
    this.location = connection
      ? 'the injected LanceDB connection'
      : parsed.data.uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  }

  async openCollection(request: OpenCollectionRequest): Promise<OpenedCollection> {
    throwIfAborted(request.signal, lanceCallAborted);
    const connection = await this.#open();
    const collection = await callLance(`open table "${request.collection}"`, this.location, () =>
      openLanceCollection({
        connection,
        name: request.collection,
        record: request.record,
        fields: this.#settings.fields,
      }),
    );
    this.#collections.set(request.collection, collection);
    return collection.record
      ? { record: collection.record, created: collection.created }
      : {
          record: undefined,
          dim: collection.layout.dim,
          // A foreign table indexed with a distance type must be searched with it.
          ...(collection.vectorIndexed ? { metric: collection.metric } : {}),
          created: false,
        };
  }

  /**
   * Upserts with LanceDB's merge insert on the id column (a later row with the same id in one
   * call wins), then builds the vector index once the table has reached `indexThreshold` rows.
   */
  async upsert(
    collection: string,
    rows: readonly StoreRow[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const opened = this.#collection(collection);
    throwIfAborted(options.signal, lanceCallAborted);
    const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
    if (unique.length === 0) return;
    await callLance(`upsert ${unique.length} documents into "${collection}"`, this.location, () =>
      opened.table
        .mergeInsert(opened.layout.id)
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .execute(rowsTable(opened.layout, unique)),
    );
    if (!opened.vectorIndexed) await this.#indexWhenLarge(opened);
  }

  async query(collection: string, query: DriverQuery): Promise<SearchResult[]> {
    const opened = this.#collection(collection);
    const where = this.#where(opened, query.filter);
    throwIfAborted(query.signal, lanceCallAborted);
    const outputFields = query.outputFields ?? ['text', 'metadata'];
    const columns = [...selectedColumns(opened.layout, outputFields), '_distance'];
    const rows = await callLance(`search "${collection}"`, this.location, () =>
      lanceTopK({
        topK: query.topK,
        idColumn: opened.layout.id,
        count: () => opened.table.countRows(),
        search: (limit, range) => {
          let search = opened.table
            .vectorSearch(query.vector)
            .column(opened.layout.vector)
            .distanceType(lanceDistanceType[opened.metric])
            .limit(limit)
            .select(columns);
          // Re-scored on the full vectors: exact distances, no reordering by quantization.
          if (opened.vectorIndexed) search = search.refineFactor(refineFactor);
          if (where) search = search.where(where);
          if (range) search = search.distanceRange(range.lower, range.upper);
          return search.toArray() as Promise<Record<string, unknown>[]>;
        },
      }),
    );
    return rows.map((row) =>
      toSearchResult(opened.layout, row, scoreFromDistance(opened.metric, Number(row._distance))),
    );
  }

  /**
   * The dense search and LanceDB's BM25 full-text search on the text index, both filtered and
   * cut at `candidates`, merged by the ranker (see `fuseHybridHits`).
   */
  async hybridQuery(collection: string, query: HybridDriverQuery): Promise<SearchResult[]> {
    const opened = this.#collection(collection);
    if (!opened.fullText) {
      throw new NotSupportedError({
        message: `Hybrid search needs a full-text index on column "${opened.layout.text}" of table "${collection}", and it has none (the table was not created by embedkit); use search(), or create one with LanceDB's table.createIndex("${opened.layout.text}", { config: Index.fts() }).`,
      });
    }
    const where = this.#where(opened, query.filter);
    const dense = await this.query(collection, { ...query, topK: query.candidates });
    const outputFields = query.outputFields ?? ['text', 'metadata'];
    const rows = await callLance(`run a full-text search on "${collection}"`, this.location, () => {
      let search = opened.table
        .query()
        .fullTextSearch(query.text, { columns: opened.layout.text })
        .limit(query.candidates)
        .select([...selectedColumns(opened.layout, outputFields), '_score']);
      if (where) search = search.where(where);
      return search.toArray() as Promise<Record<string, unknown>[]>;
    });
    const fullText = rows
      .map((row) => toSearchResult(opened.layout, row, Number(row._score)))
      .sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1));
    return fuseHybridHits({
      dense,
      fullText,
      ranker: query.ranker,
      metric: opened.metric,
      topK: query.topK,
    });
  }

  async get(collection: string, ids: readonly string[]): Promise<StoredDocument[]> {
    const opened = this.#collection(collection);
    const { layout } = opened;
    const found = new Map<string, StoredDocument>();
    for (const chunk of idChunks(ids)) {
      const rows = await callLance(`read documents from "${collection}"`, this.location, () =>
        opened.table
          .query()
          .where(idsPredicate(sqlColumn(layout.id), chunk))
          .select([layout.id, layout.text, layout.metadata])
          .toArray(),
      );
      for (const row of rows as Record<string, unknown>[]) {
        const document = toStoredDocument(layout, row);
        found.set(document.id, document);
      }
    }
    return ids.flatMap((id) => {
      const document = found.get(id);
      return document ? [document] : [];
    });
  }

  async delete(collection: string, selector: DriverDeleteSelector): Promise<void> {
    const opened = this.#collection(collection);
    const predicates =
      'ids' in selector
        ? idChunks(selector.ids).map((chunk) => idsPredicate(sqlColumn(opened.layout.id), chunk))
        : 'all' in selector
          ? ['true']
          : [this.#where(opened, selector.filter) ?? 'true'];
    for (const predicate of predicates) {
      await callLance(`delete documents from "${collection}"`, this.location, () =>
        opened.table.delete(predicate),
      );
    }
  }

  /** Every id, in pages by id order (each page asks for ids after the last page's last one). */
  async *readIds(
    collection: string,
    options: { pageSize: number; signal?: AbortSignal },
  ): AsyncIterable<readonly string[]> {
    const opened = this.#collection(collection);
    const id = opened.layout.id;
    let after: string | undefined;
    for (;;) {
      throwIfAborted(options.signal, lanceCallAborted);
      const rows = await callLance(`list the ids of "${collection}"`, this.location, () => {
        let query = opened.table.query().select([id]).orderBy({ columnName: id, ascending: true });
        if (after !== undefined) query = query.where(`${sqlColumn(id)} > ${sqlString(after)}`);
        return query.limit(options.pageSize).toArray() as Promise<Record<string, unknown>[]>;
      });
      if (rows.length === 0) return;
      const page = rows.map((row) => String(row[id]));
      yield page;
      if (page.length < options.pageSize) return;
      after = page[page.length - 1];
    }
  }

  /** Rows with their vectors as stored (float32, bit for bit), in the order asked. */
  async getRows(collection: string, ids: readonly string[]): Promise<StoreRow[]> {
    const opened = this.#collection(collection);
    const { layout } = opened;
    const found = new Map<string, StoreRow>();
    for (const chunk of idChunks(ids)) {
      const rows = await callLance(`read rows from "${collection}"`, this.location, () =>
        opened.table
          .query()
          .where(idsPredicate(sqlColumn(layout.id), chunk))
          .select([layout.id, layout.text, layout.metadata, layout.vector])
          .toArray(),
      );
      for (const row of rows as Record<string, unknown>[]) {
        const document = toStoredDocument(layout, row);
        found.set(document.id, { ...document, vector: storedVector(row[layout.vector]) });
      }
    }
    return ids.flatMap((id) => {
      const row = found.get(id);
      return row ? [row] : [];
    });
  }

  async count(collection: string): Promise<number> {
    const opened = this.#collection(collection);
    return callLance(`count documents in "${collection}"`, this.location, () =>
      opened.table.countRows(),
    );
  }

  /**
   * Compacts the files many small upserts leave and adds rows written since the indexes were
   * built to them (LanceDB's `optimize`). Searches find unindexed rows without it, by a scan of
   * those rows; call it after a large ingest.
   */
  async flush(collection: string): Promise<void> {
    const opened = this.#collection(collection);
    await callLance(`optimize table "${collection}"`, this.location, () => opened.table.optimize());
  }

  /** Closes the tables and the connection; an injected connection stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const collection of this.#collections.values()) collection.table.close();
    this.#collections.clear();
    const connection = this.#connection;
    this.#connection = undefined;
    if (!this.#injected) await connection?.then((open) => open.close()).catch(() => {});
  }

  async #indexWhenLarge(collection: LanceCollection): Promise<void> {
    const rows = await collection.table.countRows();
    if (rows < this.#settings.indexThreshold) return;
    const { dim } = collection.layout;
    const distanceType = lanceDistanceType[collection.metric];
    const config =
      this.#settings.indexType === 'IVF_HNSW_SQ'
        ? Index.hnswSq({ distanceType })
        : Index.ivfPq({
            distanceType,
            numSubVectors: dim % 16 === 0 ? dim / 16 : dim % 8 === 0 ? dim / 8 : 1,
          });
    await callLance(
      `build the ${this.#settings.indexType} index of "${collection.name}" (${rows} rows)`,
      this.location,
      () => collection.table.createIndex(collection.layout.vector, { config }),
    );
    collection.vectorIndexed = true;
  }

  #where(collection: LanceCollection, filter: FilterNode | string | undefined): string | undefined {
    if (filter === undefined) return undefined;
    if (typeof filter === 'string') {
      throw new NotSupportedError({
        message: `The ${this.kind} store takes filters as objects such as { source: "a.md" }, not SQL strings ("${filter}").`,
      });
    }
    if (collection.layout.metadataEncoding !== 'json') {
      throw new InvalidInputError({
        message: `Table "${collection.name}" keeps metadata in "${collection.layout.metadata}" as plain text, not LanceDB's JSON type, so it cannot be filtered; search without a filter, or copy the table into a collection embedkit creates (embedkit migrate).`,
      });
    }
    return lanceFilterExpression(filter, collection.layout.metadata);
  }

  #collection(name: string): LanceCollection {
    if (this.#closed) throw this.#closedError();
    const collection = this.#collections.get(name);
    if (!collection) {
      throw new StoreError({
        store: this.kind,
        message: `Collection "${name}" has not been opened on this LanceDB driver; call openCollection() first (createVectorStore does).`,
      });
    }
    return collection;
  }

  #open(): Promise<Connection> {
    if (this.#closed) return Promise.reject(this.#closedError());
    this.#connection ??= this.#injected
      ? Promise.resolve(this.#injected)
      : callLance('connect', this.location, () =>
          connect(connectUri(this.#settings.uri), {
            readConsistencyInterval: this.#settings.readConsistencySeconds,
          }),
        );
    this.#connection.catch(() => {
      this.#connection = undefined;
    });
    return this.#connection;
  }

  #closedError(): StoreError {
    return new StoreError({
      store: this.kind,
      message: `This LanceDB driver (${this.location}) is closed; create a new store.`,
    });
  }
}

/**
 * The URI for `connect`: object-store and Cloud URIs (`scheme://…`) unchanged, a local path made
 * absolute — LanceDB takes a relative path starting with "db" (`db-files/…`) for a Cloud URI.
 */
export function connectUri(uri: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? uri : resolve(uri);
}

/** A vector cell as LanceDB returns it (an Arrow vector or an array) as a new Float32Array. */
function storedVector(value: unknown): Float32Array {
  const values = (value as { toArray?: () => ArrayLike<number> } | null)?.toArray?.() ?? value;
  return Float32Array.from((values ?? []) as ArrayLike<number>);
}

/** Candidates re-scored on the full vectors per hit wanted, once a table is indexed. */
const refineFactor = 10;

/** What an aborted call says: it stopped before LanceDB saw it. */
const lanceCallAborted = 'The LanceDB call was aborted before it reached LanceDB.';
