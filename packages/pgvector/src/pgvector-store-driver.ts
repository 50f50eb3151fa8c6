import {
  type DriverDeleteSelector,
  type DriverQuery,
  type FilterNode,
  fuseHybridHits,
  type HybridDriverQuery,
  InvalidConfigError,
  NotSupportedError,
  type OpenCollectionRequest,
  type OpenedCollection,
  type SearchResult,
  type SparseDriverQuery,
  type StoredDocument,
  type StoredField,
  StoreError,
  type StoreRow,
  throwIfAborted,
  type VectorStoreDriver,
  zodIssues,
} from '@embedkit/core';
import { addSparseColumns, currentSparseColumns } from './add-sparse-columns.js';
import { metadataFilterSql } from './metadata-filter-sql.js';
import { openPgvectorCollection } from './open-pgvector-collection.js';
import {
  type DatabaseTarget,
  databaseTarget,
  openSqlConnection,
  targetLocation,
} from './open-sql-connection.js';
import type { PgvectorCollection } from './pgvector-collection.js';
import { callDatabase } from './pgvector-errors.js';
import { idLists, rowsByIds, toSearchResult } from './pgvector-rows.js';
import {
  type PgvectorDatabaseOptions,
  type PgvectorDriverSettings,
  pgvectorCollectionName,
  pgvectorDriverSettings,
  type ResolvedPgvectorDriverSettings,
} from './pgvector-store-settings.js';
import { refuseNulCharacters } from './refuse-nul-characters.js';
import { runHybridSearch } from './run-hybrid-search.js';
import { runVectorSearch } from './run-vector-search.js';
import { sparseSearchSql } from './sparse-search-sql.js';
import { checkStorableSparseVector } from './sparse-vector-literal.js';
import type { SqlConnection } from './sql-connection.js';
import { SqlParameters } from './sql-parameters.js';
import { upsertBatches, upsertSql } from './upsert-sql.js';

/** What `new PgvectorStoreDriver()` takes: the settings plus an optional pool or PGlite. */
export interface PgvectorStoreDriverOptions
  extends PgvectorDriverSettings,
    PgvectorDatabaseOptions {}

/**
 * The PostgreSQL + pgvector engine behind `createPgvectorStore`: PGlite (PostgreSQL in
 * WebAssembly, in this process, on a data directory) or any PostgreSQL server with pgvector
 * through node-postgres. One driver holds one pool (or PGlite) and may serve several tables;
 * core's `createVectorStore` does the rest.
 *
 * Every value, metadata key and query text is a bound parameter; table and column names are
 * quoted identifiers. Filtered searches are exact (see `searchPlan`), unfiltered ones use the
 * HNSW index with `hnsw.ef_search` at least topK.
 */
export class PgvectorStoreDriver implements VectorStoreDriver {
  /** `pglite` or `postgres`, as configs name the store. */
  readonly kind: string;
  /** PGlite's data directory, or `postgres://host:port/database`; never a user or password. */
  readonly location: string;
  /** The engine in words, for `embedkit info`. */
  readonly engine: string;
  /**
   * Rows keep a sparse vector (`sparsevec`, pgvector 0.7.0 or newer) in columns added to the
   * table by the first write that carries one; searched exactly by inner product.
   */
  readonly sparseVectors = true;
  readonly #settings: Readonly<ResolvedPgvectorDriverSettings>;
  readonly #target: DatabaseTarget;
  readonly #collections = new Map<string, PgvectorCollection>();
  #connection: Promise<SqlConnection> | undefined;
  #closed = false;

  constructor(options: PgvectorStoreDriverOptions = {}) {
    const { pool, pglite, ...settings } = options;
    const parsed = pgvectorDriverSettings.safeParse(settings);
    if (!parsed.success) {
      throw new InvalidConfigError({
        subject: 'pgvector store settings',
        issues: zodIssues(parsed.error),
      });
    }
    this.#settings = parsed.data;
    this.#target = databaseTarget({ ...parsed.data, pool, pglite });
    this.kind =
      this.#target.type === 'pglite' || this.#target.type === 'pglite-instance'
        ? 'pglite'
        : 'postgres';
    this.location = targetLocation(this.#target);
    this.engine =
      this.kind === 'pglite'
        ? 'PGlite (PostgreSQL + pgvector in this process)'
        : 'PostgreSQL + pgvector server';
  }

  async openCollection(request: OpenCollectionRequest): Promise<OpenedCollection> {
    const parsedName = pgvectorCollectionName.safeParse(request.collection);
    if (!parsedName.success) {
      throw new InvalidConfigError({
        subject: 'pgvector collection',
        issues: zodIssues(parsedName.error).map((issue) => ({ ...issue, path: 'collection' })),
      });
    }
    const connection = await this.#open();
    throwIfAborted(request.signal, callAborted);
    const collection = await this.#call(`open table "${request.collection}"`, () =>
      connection.transaction((executor) =>
        openPgvectorCollection({
          executor,
          request,
          textSearchConfig: this.#settings.textSearchConfig,
          hnsw: this.#settings.hnsw,
          fields: this.#settings.fields,
        }),
      ),
    );
    this.#collections.set(request.collection, collection);
    if (collection.record === undefined) {
      // A table another tool made: no embedkit record, only the vector column's dimension.
      return {
        record: undefined,
        ...(collection.dim === undefined ? {} : { dim: collection.dim }),
        ...(collection.metricFromIndex ? { metric: collection.metric } : {}),
        created: false,
      };
    }
    return { record: collection.record, created: collection.created };
  }

  /**
   * Refuses, before anything is embedded, what PostgreSQL cannot store: a NUL character in an
   * id, a text or metadata (`text` and `jsonb` have no room for it).
   */
  fitDocuments<Document extends { id: string; text: string }>(
    _collection: string,
    documents: readonly Document[],
  ): Document[] {
    refuseNulCharacters(documents);
    return [...documents];
  }

  async upsert(
    collection: string,
    rows: readonly StoreRow[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const table = this.#collection(collection);
    this.fitDocuments(collection, rows);
    for (const row of rows) {
      if (row.sparse) checkStorableSparseVector(row.sparse, `Document "${row.id}"'s sparse vector`);
    }
    const withSparse = rows.some((row) => row.sparse !== undefined);
    const batches = upsertBatches(rows, this.#settings.insertBatchRows);
    if (batches.length === 0) return;
    const connection = await this.#open();
    throwIfAborted(options.signal, callAborted);
    // One transaction per call: a call is stored whole or not at all.
    const sparse = await this.#call(`upsert ${rows.length} rows into table "${collection}"`, () =>
      connection.transaction(async (executor) => {
        const sparse = withSparse
          ? await addSparseColumns(executor, table, this.kind)
          : await currentSparseColumns(executor, table);
        for (const batch of batches) {
          throwIfAborted(options.signal, callAborted);
          const { sql, parameters } = upsertSql({ ...table, sparse }, batch);
          await executor.query(sql, parameters);
        }
        return sparse;
      }),
    );
    // Known only once committed: a rolled-back call leaves the table without its new columns.
    table.sparse = sparse;
  }

  async query(collection: string, query: DriverQuery): Promise<SearchResult[]> {
    const table = this.#collection(collection);
    const filter = this.#filter(query.filter);
    const outputFields = query.outputFields ?? defaultFields;
    const connection = await this.#open();
    throwIfAborted(query.signal, callAborted);
    return this.#call(`search table "${collection}"`, () =>
      runVectorSearch(connection, {
        collection: table,
        vector: query.vector,
        topK: query.topK,
        filter,
        outputFields,
        efSearch: this.#settings.efSearch,
      }),
    );
  }

  /**
   * Exact sparse search: rows sharing a term with the query (the GIN index on the term list),
   * by inner product; a table without sparse columns has no row with a sparse vector, so no hits.
   */
  async querySparse(collection: string, query: SparseDriverQuery): Promise<SearchResult[]> {
    const table = this.#collection(collection);
    checkStorableSparseVector(query.sparse, 'The sparse query vector');
    const filter = this.#filter(query.filter);
    const outputFields = query.outputFields ?? defaultFields;
    const connection = await this.#open();
    throwIfAborted(query.signal, callAborted);
    return this.#call(`run a sparse search on table "${collection}"`, async () => {
      const sparse = await currentSparseColumns(connection, table);
      if (!sparse || query.sparse.indices.length === 0) return [];
      table.sparse = sparse;
      const { sql, parameters } = sparseSearchSql({
        collection: table,
        sparse,
        vector: query.sparse,
        topK: query.topK,
        filter,
        outputFields,
      });
      const rows = await connection.query(sql, parameters);
      return rows.map((row) => toSearchResult(row, -Number(row.distance)));
    });
  }

  /**
   * Dense search and PostgreSQL full-text search (the `tsvector` column, `ts_rank`), each with
   * the filter and `candidates` hits, merged by the ranker (RRF or weighted) in the driver.
   */
  async hybridQuery(collection: string, query: HybridDriverQuery): Promise<SearchResult[]> {
    const table = this.#collection(collection);
    // A bad ranker is refused before any query runs (fuseHybridHits checks it).
    fuseHybridHits({
      dense: [],
      fullText: [],
      ranker: query.ranker,
      metric: table.metric,
      topK: 1,
    });
    const filter = this.#filter(query.filter);
    const outputFields = query.outputFields ?? defaultFields;
    const connection = await this.#open();
    throwIfAborted(query.signal, callAborted);
    return this.#call(`run a hybrid search on table "${collection}"`, () =>
      runHybridSearch(connection, {
        collection: table,
        vector: query.vector,
        text: query.text,
        textQuery: this.#settings.textQuery,
        topK: query.topK,
        candidates: query.candidates,
        ranker: query.ranker,
        filter,
        outputFields,
        efSearch: this.#settings.efSearch,
      }),
    );
  }

  async get(collection: string, ids: readonly string[]): Promise<StoredDocument[]> {
    const table = this.#collection(collection);
    const connection = await this.#open();
    return this.#call(`get ${ids.length} rows from table "${collection}"`, () =>
      rowsByIds(connection, table, ids, false),
    );
  }

  async delete(collection: string, selector: DriverDeleteSelector): Promise<void> {
    const table = this.#collection(collection);
    const connection = await this.#open();
    if ('all' in selector) {
      await this.#call(`delete every row of table "${collection}"`, () =>
        connection.query(`DELETE FROM ${table.table}`),
      );
      return;
    }
    if ('ids' in selector) {
      const ids = selector.ids;
      await this.#call(`delete ${ids.length} rows from table "${collection}"`, () =>
        connection.transaction(async (executor) => {
          for (const { list, parameters } of idLists(ids)) {
            await executor.query(
              `DELETE FROM ${table.table} WHERE ${table.idText} IN (${list})`,
              parameters.values,
            );
          }
        }),
      );
      return;
    }
    const filter = this.#filter(selector.filter);
    if (filter === undefined) return;
    const parameters = new SqlParameters();
    const where = ` WHERE ${metadataFilterSql(filter, table.metadataValue, parameters)}`;
    await this.#call(`delete rows by filter from table "${collection}"`, () =>
      connection.query(`DELETE FROM ${table.table}${where}`, parameters.values),
    );
  }

  /**
   * Every id, in pages of `pageSize`, by keyset pagination on the id in the column's own
   * collation: each page is one range query on the primary key index, so a large table is
   * listed without OFFSET rescans.
   */
  async *readIds(
    collection: string,
    options: { pageSize: number; signal?: AbortSignal },
  ): AsyncIterable<readonly string[]> {
    const table = this.#collection(collection);
    const connection = await this.#open();
    let after: string | undefined;
    for (;;) {
      throwIfAborted(options.signal, callAborted);
      const parameters = new SqlParameters();
      const where =
        after === undefined ? '' : ` WHERE ${table.idText} > ${parameters.add(after)}::text`;
      const rows = await this.#call(`list the ids of table "${collection}"`, () =>
        connection.query(
          `SELECT ${table.idText} AS id FROM ${table.table}${where} ORDER BY ${table.idText} LIMIT ${parameters.add(options.pageSize)}`,
          parameters.values,
        ),
      );
      if (rows.length === 0) return;
      const ids = rows.map((row) => String(row.id));
      yield ids;
      if (ids.length < options.pageSize) return;
      after = ids.at(-1);
    }
  }

  /** Rows by id with their vectors (bit for bit), in the order asked. */
  async getRows(collection: string, ids: readonly string[]): Promise<StoreRow[]> {
    const table = this.#collection(collection);
    const connection = await this.#open();
    return this.#call(`read ${ids.length} rows from table "${collection}"`, async () => {
      const sparse = await currentSparseColumns(connection, table);
      return rowsByIds(connection, { ...table, sparse }, ids, true);
    });
  }

  async count(collection: string): Promise<number> {
    const table = this.#collection(collection);
    const connection = await this.#open();
    const [row] = await this.#call(`count the rows of table "${collection}"`, () =>
      connection.query(`SELECT count(*)::float8 AS count FROM ${table.table}`),
    );
    return Number(row?.count ?? 0);
  }

  /** Ends the pool or releases PGlite (closed when no other driver uses its directory); an injected pool or PGlite stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const connection = this.#connection;
    this.#connection = undefined;
    this.#collections.clear();
    await connection?.then((open) => open.close()).catch(() => {});
  }

  #filter(filter: DriverQuery['filter']): FilterNode | undefined {
    if (typeof filter === 'string') {
      throw new NotSupportedError({
        message: `The ${this.kind} store takes filters as objects such as { source: "a.md" }, not SQL strings: a SQL fragment would run with the store's privileges. Express the condition as a filter object.`,
      });
    }
    return filter;
  }

  #collection(name: string): PgvectorCollection {
    const collection = this.#collections.get(name);
    if (!collection) {
      throw new StoreError({
        store: this.kind,
        message: `Table "${name}" has not been opened on this ${this.kind} driver; call openCollection() first (createVectorStore does).`,
      });
    }
    return collection;
  }

  #call<T>(action: string, call: () => Promise<T>): Promise<T> {
    return callDatabase(this.kind, action, this.location, call);
  }

  #open(): Promise<SqlConnection> {
    if (this.#closed) {
      return Promise.reject(
        new StoreError({
          store: this.kind,
          message: `This ${this.kind} driver (${this.location}) is closed; create a new store.`,
        }),
      );
    }
    this.#connection ??= openSqlConnection(this.#target);
    this.#connection.catch(() => {
      this.#connection = undefined;
    });
    return this.#connection;
  }
}

const defaultFields: readonly StoredField[] = ['text', 'metadata'];

/** What a driver says when a call is aborted before it was sent. */
const callAborted = 'The PostgreSQL call was aborted before it was sent.';
