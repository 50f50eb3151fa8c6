import {
  type DriverDeleteSelector,
  type DriverQuery,
  type FilterNode,
  type HybridDriverQuery,
  InvalidConfigError,
  InvalidInputError,
  NotSupportedError,
  type OpenCollectionRequest,
  type OpenedCollection,
  type SearchResult,
  type StoredDocument,
  type StoredField,
  StoreError,
  type StoreRow,
  throwIfAborted,
  type VectorStoreDriver,
  zodIssues,
} from '@embedkit/core';
import { fullTextSearchSql } from './full-text-search-sql.js';
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
import { scoreFromDistance, searchPlan, vectorSearchSql } from './pgvector-search-sql.js';
import {
  type PgvectorDatabaseOptions,
  type PgvectorDriverSettings,
  pgvectorCollectionName,
  pgvectorDriverSettings,
  type ResolvedPgvectorDriverSettings,
} from './pgvector-store-settings.js';
import { checkRanker, fuseRankings, normalizeDenseScore } from './rank-fusion.js';
import type { SqlConnection, SqlExecutor, SqlRow } from './sql-connection.js';
import { SqlParameters } from './sql-parameters.js';
import { upsertBatches, upsertSql } from './upsert-sql.js';

/** What `new PgvectorStoreDriver()` takes: the settings plus an optional pool or PGlite. */
export interface PgvectorStoreDriverOptions
  extends PgvectorDriverSettings,
    PgvectorDatabaseOptions {}

/** Ids per `IN (…)` list of `get` and `delete`. */
const idsPerStatement = 5000;

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
    documents.forEach((document, index) => {
      const metadata = (document as { metadata?: unknown }).metadata;
      const where = document.id.includes('\u0000')
        ? 'id'
        : document.text.includes('\u0000')
          ? 'text'
          : metadata !== undefined && JSON.stringify(metadata).includes('\\u0000')
            ? 'metadata'
            : undefined;
      if (where) {
        throw new InvalidInputError({
          index,
          message: `Document ${index} ("${document.id.replaceAll('\u0000', '\\0')}") has a NUL character in its ${where}, which PostgreSQL cannot store; remove it.`,
        });
      }
    });
    return [...documents];
  }

  async upsert(
    collection: string,
    rows: readonly StoreRow[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const table = this.#collection(collection);
    this.fitDocuments(collection, rows);
    const batches = upsertBatches(rows, this.#settings.insertBatchRows);
    if (batches.length === 0) return;
    const connection = await this.#open();
    throwIfAborted(options.signal, callAborted);
    // One transaction per call: a call is stored whole or not at all.
    await this.#call(`upsert ${rows.length} rows into table "${collection}"`, () =>
      connection.transaction(async (executor) => {
        for (const batch of batches) {
          throwIfAborted(options.signal, callAborted);
          const { sql, parameters } = upsertSql(table, batch);
          await executor.query(sql, parameters);
        }
      }),
    );
  }

  async query(collection: string, query: DriverQuery): Promise<SearchResult[]> {
    const table = this.#collection(collection);
    const filter = this.#filter(query.filter);
    const outputFields = query.outputFields ?? defaultFields;
    const connection = await this.#open();
    throwIfAborted(query.signal, callAborted);
    return this.#call(`search table "${collection}"`, () =>
      this.#vectorSearch(connection, table, query.vector, query.topK, filter, outputFields),
    );
  }

  /**
   * Dense search and PostgreSQL full-text search (the `tsvector` column, `ts_rank`), each with
   * the filter and `candidates` hits, merged by the ranker (RRF or weighted) in the driver.
   */
  async hybridQuery(collection: string, query: HybridDriverQuery): Promise<SearchResult[]> {
    const table = this.#collection(collection);
    checkRanker(query.ranker);
    const filter = this.#filter(query.filter);
    const outputFields = query.outputFields ?? defaultFields;
    const connection = await this.#open();
    throwIfAborted(query.signal, callAborted);
    return this.#call(`run a hybrid search on table "${collection}"`, async () => {
      const dense = await this.#vectorSearch(
        connection,
        table,
        query.vector,
        query.candidates,
        filter,
        outputFields,
      );
      const { sql, parameters } = fullTextSearchSql({
        collection: table,
        text: query.text,
        mode: this.#settings.textQuery,
        limit: query.candidates,
        filter,
        outputFields,
      });
      const sparse = (await connection.query(sql, parameters)).map((row) =>
        toSearchResult(row, Number(row.rank)),
      );
      return fuseRankings(
        { hits: dense, normalize: normalizeDenseScore(table.metric) },
        { hits: sparse, normalize: (rank) => rank },
        query.ranker,
        query.topK,
      );
    });
  }

  async get(collection: string, ids: readonly string[]): Promise<StoredDocument[]> {
    const table = this.#collection(collection);
    const connection = await this.#open();
    const found = new Map<string, StoredDocument>();
    await this.#call(`get ${ids.length} rows from table "${collection}"`, async () => {
      for (let start = 0; start < ids.length; start += idsPerStatement) {
        const parameters = new SqlParameters();
        const list = ids
          .slice(start, start + idsPerStatement)
          .map((id) => `${parameters.add(id)}::text`);
        const rows = await connection.query(
          `SELECT ${table.idText} AS id, ${table.textValue} AS text, ${table.metadataValue} AS metadata FROM ${table.table} WHERE ${table.idText} IN (${list.join(', ')})`,
          parameters.values,
        );
        for (const row of rows) {
          const { score: _score, ...document } = toSearchResult(row, 0);
          found.set(document.id, document);
        }
      }
    });
    return ids.flatMap((id) => {
      const document = found.get(id);
      return document ? [document] : [];
    });
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
          for (let start = 0; start < ids.length; start += idsPerStatement) {
            const parameters = new SqlParameters();
            const list = ids
              .slice(start, start + idsPerStatement)
              .map((id) => `${parameters.add(id)}::text`);
            await executor.query(
              `DELETE FROM ${table.table} WHERE ${table.idText} IN (${list.join(', ')})`,
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

  /**
   * Rows by id with their vectors, in the order asked. pgvector prints each float32 as the
   * shortest decimal that reads back to it, so the vectors come back bit for bit.
   */
  async getRows(collection: string, ids: readonly string[]): Promise<StoreRow[]> {
    const table = this.#collection(collection);
    const connection = await this.#open();
    const found = new Map<string, StoreRow>();
    await this.#call(`read ${ids.length} rows from table "${collection}"`, async () => {
      for (let start = 0; start < ids.length; start += idsPerStatement) {
        const parameters = new SqlParameters();
        const list = ids
          .slice(start, start + idsPerStatement)
          .map((id) => `${parameters.add(id)}::text`);
        const rows = await connection.query(
          `SELECT ${table.idText} AS id, ${table.textValue} AS text, ${table.metadataValue} AS metadata, ${table.columns.vector}::text AS vector FROM ${table.table} WHERE ${table.idText} IN (${list.join(', ')})`,
          parameters.values,
        );
        for (const row of rows) {
          const { score: _score, ...document } = toSearchResult(row, 0);
          found.set(document.id, { ...document, vector: parseVector(String(row.vector)) });
        }
      }
    });
    return ids.flatMap((id) => {
      const row = found.get(id);
      return row ? [row] : [];
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

  async #vectorSearch(
    executor: SqlConnection,
    table: PgvectorCollection,
    vector: Float32Array,
    topK: number,
    filter: FilterNode | undefined,
    outputFields: readonly StoredField[],
  ): Promise<SearchResult[]> {
    const { sql, parameters } = vectorSearchSql({
      collection: table,
      vector,
      topK,
      filter,
      outputFields,
    });
    const plan = searchPlan(topK, filter !== undefined);
    const run = async (on: SqlExecutor) =>
      (await on.query(sql, parameters)).map((row) =>
        toSearchResult(row, scoreFromDistance(table.metric, Number(row.distance))),
      );
    if (plan === 'index') return run(executor);
    return executor.transaction(async (transaction) => {
      if (plan === 'exact') {
        await transaction.query("SELECT set_config('enable_indexscan', 'off', true)");
      } else {
        await transaction.query("SELECT set_config('hnsw.ef_search', $1, true)", [String(topK)]);
      }
      return run(transaction);
    });
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

/** pgvector's text form (`[0.1,0.2]`) as a Float32Array. */
function parseVector(text: string): Float32Array {
  const inner = text.trim().replace(/^\[|\]$/g, '');
  return inner === '' ? new Float32Array(0) : Float32Array.from(inner.split(','), Number);
}

function toSearchResult(row: SqlRow, score: number): SearchResult {
  return {
    id: String(row.id),
    text: typeof row.text === 'string' ? row.text : '',
    metadata:
      row.metadata !== null && typeof row.metadata === 'object'
        ? (row.metadata as SearchResult['metadata'])
        : typeof row.metadata === 'string'
          ? JSON.parse(row.metadata)
          : {},
    score,
  };
}
