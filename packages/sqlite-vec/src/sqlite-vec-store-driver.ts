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
  type StoredDocument,
  StoreError,
  type StoreRow,
  throwIfAborted,
  type VectorStoreDriver,
  zodIssues,
} from '@embedkit/core';
import type { Database } from 'better-sqlite3';
import { fullTextMatch } from './full-text-match.js';
import {
  notOpened,
  openSqliteCollection,
  type SqliteCollection,
} from './open-sqlite-collection.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { callSqlite, sqliteStoreKind } from './sqlite-errors.js';
import { type SqlClause, sqliteFilterClause } from './sqlite-filter-clause.js';
import { sqliteFullTextSearch } from './sqlite-full-text-query.js';
import {
  type ResolvedSqliteVecDriverSettings,
  type SqliteVecDriverSettings,
  sqliteVecDriverSettings,
} from './sqlite-vec-store-settings.js';
import { type SqliteSearch, sqliteVectorSearch, storedDocument } from './sqlite-vector-query.js';

/** What `new SqliteVecStoreDriver()` takes: the settings plus an optional open database. */
export interface SqliteVecStoreDriverOptions extends SqliteVecDriverSettings {
  /**
   * A better-sqlite3 database to use instead of opening `path`; the driver loads sqlite-vec
   * into it, sets WAL and the busy timeout, and does not close it.
   */
  database?: Database;
}

/**
 * The SQLite engine behind `createSqliteVecStore`: one file holds every collection (a table of
 * rows with JSON metadata and float32 vectors, an FTS5 index of the text, and a record of the
 * embedding space in `embedkit_collections`). Search is exact: sqlite-vec's distance functions
 * score every row that passes the filter, so results are the true nearest neighbours with any
 * filter. better-sqlite3 is synchronous: each call runs to completion on the calling thread.
 */
export class SqliteVecStoreDriver implements VectorStoreDriver {
  readonly kind = sqliteStoreKind;
  /** For `embedkit info`. */
  readonly engine = 'SQLite + sqlite-vec (exact search in one file)';
  /** The SQLite file. */
  readonly location: string;
  readonly #settings: ResolvedSqliteVecDriverSettings;
  readonly #injected: Database | undefined;
  readonly #collections = new Map<string, SqliteCollection>();
  #database: Database | undefined;
  #closed = false;

  constructor(options: SqliteVecStoreDriverOptions = {}) {
    const { database, ...settings } = options;
    const parsed = sqliteVecDriverSettings.safeParse(settings);
    if (!parsed.success) {
      throw new InvalidConfigError({
        subject: 'sqlite-vec store settings',
        issues: zodIssues(parsed.error),
      });
    }
    this.#settings = parsed.data;
    this.#injected = database;
    this.location = database ? database.name : parsed.data.path;
  }

  async openCollection(request: OpenCollectionRequest): Promise<OpenedCollection> {
    throwIfAborted(request.signal, sqliteCallAborted);
    const database = this.#open();
    const collection = callSqlite(`open collection "${request.collection}"`, this.location, () =>
      openSqliteCollection({
        database,
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
          created: false,
          ...(collection.dim === undefined ? {} : { dim: collection.dim }),
        };
  }

  async upsert(
    collection: string,
    rows: readonly StoreRow[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const { table, columns, record } = this.#collection(collection);
    throwIfAborted(options.signal, sqliteCallAborted);
    const database = this.#open();
    callSqlite(`upsert ${rows.length} documents into "${collection}"`, this.location, () => {
      const insert = database.prepare(
        `INSERT INTO ${table} (${columns.id}, ${columns.text}, ${columns.metadata}, ${columns.vector}) VALUES (?, ?, ?, ?)` +
          (record
            ? ` ON CONFLICT(${columns.id}) DO UPDATE SET ${columns.text} = excluded.${columns.text}, ${columns.metadata} = excluded.${columns.metadata}, ${columns.vector} = excluded.${columns.vector}`
            : ''),
      );
      // A table embedkit did not create may have no unique id: replace by deleting first.
      const remove = record
        ? undefined
        : database.prepare(`DELETE FROM ${table} WHERE ${columns.id} = ?`);
      database.transaction(() => {
        for (const row of rows) {
          remove?.run(row.id);
          insert.run(
            row.id,
            row.text,
            JSON.stringify(row.metadata),
            Buffer.from(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength),
          );
        }
      })();
    });
  }

  async query(collection: string, query: DriverQuery): Promise<SearchResult[]> {
    const opened = this.#collection(collection);
    const filter = this.#filter(query.filter, opened.columns.metadata);
    throwIfAborted(query.signal, sqliteCallAborted);
    const search = sqliteVectorSearch({
      collection: opened,
      vector: query.vector,
      topK: query.topK,
      filter,
      outputFields: query.outputFields ?? ['text', 'metadata'],
    });
    return this.#run(`search "${collection}"`, search);
  }

  /**
   * Dense search and FTS5 BM25 search, each filtered and cut at `candidates`, merged by the
   * ranker (see `fuseHybridHits`). A text with no word searches the dense side alone.
   */
  async hybridQuery(collection: string, query: HybridDriverQuery): Promise<SearchResult[]> {
    const opened = this.#collection(collection);
    if (!opened.fullText) {
      throw new NotSupportedError({
        message: `Hybrid search needs a full-text index, and table "${collection}" (not created by embedkit) has none; use search(), or copy the table into a collection embedkit creates (embedkit migrate).`,
      });
    }
    const outputFields = query.outputFields ?? ['text', 'metadata'];
    const dense = await this.query(collection, { ...query, topK: query.candidates });
    const match = fullTextMatch(query.text);
    const fullText =
      match === undefined
        ? []
        : this.#run(
            `run a full-text search on "${collection}"`,
            sqliteFullTextSearch({
              collection: { ...opened, fullText: opened.fullText },
              match,
              topK: query.candidates,
              filter: this.#filter(query.filter, `rows.${opened.columns.metadata}`),
              outputFields,
            }),
          );
    return fuseHybridHits({
      dense,
      fullText,
      ranker: query.ranker,
      metric: opened.metric,
      topK: query.topK,
    });
  }

  async get(collection: string, ids: readonly string[]): Promise<StoredDocument[]> {
    const { table, columns } = this.#collection(collection);
    const rows = callSqlite(`read documents from "${collection}"`, this.location, () =>
      this.#open()
        .prepare(
          `SELECT ${columns.id} AS id, ${columns.text} AS text, ${columns.metadata} AS metadata FROM ${table} WHERE ${columns.id} IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(ids)),
    ) as Record<string, unknown>[];
    const byId = new Map(rows.map((row) => [String(row.id), storedDocument(row)]));
    return ids.flatMap((id) => {
      const document = byId.get(id);
      return document ? [document] : [];
    });
  }

  async delete(collection: string, selector: DriverDeleteSelector): Promise<void> {
    const { table, columns } = this.#collection(collection);
    const database = this.#open();
    callSqlite(`delete documents from "${collection}"`, this.location, () => {
      if ('ids' in selector) {
        database
          .prepare(`DELETE FROM ${table} WHERE ${columns.id} IN (SELECT value FROM json_each(?))`)
          .run(JSON.stringify(selector.ids));
        return;
      }
      const filter =
        'all' in selector ? undefined : this.#filter(selector.filter, columns.metadata);
      database
        .prepare(`DELETE FROM ${table}${filter ? ` WHERE ${filter.sql}` : ''}`)
        .run(...(filter?.parameters ?? []));
    });
  }

  /** Every id, in pages by id order (keyset pagination: each page starts after the last one's last id). */
  async *readIds(
    collection: string,
    options: { pageSize: number; signal?: AbortSignal },
  ): AsyncIterable<readonly string[]> {
    const { table, columns } = this.#collection(collection);
    let after: string | undefined;
    for (;;) {
      throwIfAborted(options.signal, sqliteCallAborted);
      const rows = callSqlite(`list the ids of "${collection}"`, this.location, () =>
        this.#open()
          .prepare(
            `SELECT ${columns.id} AS id FROM ${table}${after === undefined ? '' : ` WHERE ${columns.id} > ?`} ORDER BY ${columns.id} LIMIT ?`,
          )
          .all(...(after === undefined ? [] : [after]), options.pageSize),
      ) as { id: unknown }[];
      if (rows.length === 0) return;
      const page = rows.map((row) => String(row.id));
      yield page;
      if (page.length < options.pageSize) return;
      after = page[page.length - 1];
    }
  }

  /** Rows with their vectors as stored (float32 BLOBs copied bit for bit), in the order asked. */
  async getRows(collection: string, ids: readonly string[]): Promise<StoreRow[]> {
    const { table, columns } = this.#collection(collection);
    const rows = callSqlite(`read rows from "${collection}"`, this.location, () =>
      this.#open()
        .prepare(
          `SELECT ${columns.id} AS id, ${columns.text} AS text, ${columns.metadata} AS metadata, ${columns.vector} AS vector FROM ${table} WHERE ${columns.id} IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(ids)),
    ) as Record<string, unknown>[];
    const byId = new Map(
      rows.map((row) => [
        String(row.id),
        { ...storedDocument(row), vector: storedVector(row.vector) },
      ]),
    );
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [row] : [];
    });
  }

  async count(collection: string): Promise<number> {
    const { table } = this.#collection(collection);
    const row = callSqlite(`count documents in "${collection}"`, this.location, () =>
      this.#open().prepare(`SELECT count(*) AS count FROM ${table}`).get(),
    ) as { count: number };
    return row.count;
  }

  /** Closes the file; an injected database stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#collections.clear();
    if (this.#database && !this.#injected) this.#database.close();
    this.#database = undefined;
  }

  #filter(filter: FilterNode | string | undefined, column: string): SqlClause | undefined {
    if (filter === undefined) return undefined;
    if (typeof filter === 'string') {
      // Core refuses strings for drivers without nativeFilters; this guards direct driver use.
      throw new NotSupportedError({
        message: `The ${this.kind} store takes filters as objects such as { source: "a.md" }, not SQL strings ("${filter}").`,
      });
    }
    return sqliteFilterClause(filter, column);
  }

  #run(action: string, search: SqliteSearch): SearchResult[] {
    const rows = callSqlite(action, this.location, () =>
      this.#open()
        .prepare(search.sql)
        .all(...search.parameters),
    ) as Record<string, unknown>[];
    return rows.map(search.toResult);
  }

  #collection(name: string): SqliteCollection {
    if (this.#closed) throw this.#closedError();
    const collection = this.#collections.get(name);
    if (!collection) throw notOpened(name);
    return collection;
  }

  #open(): Database {
    if (this.#closed) throw this.#closedError();
    this.#database ??= openSqliteDatabase({
      path: this.#settings.path,
      busyTimeoutMs: this.#settings.busyTimeoutMs,
      database: this.#injected,
    });
    return this.#database;
  }

  #closedError(): StoreError {
    return new StoreError({
      store: this.kind,
      message: `This sqlite-vec driver (${this.location}) is closed; create a new store.`,
    });
  }
}

/** A stored vector: a float32 BLOB (copied, since a Buffer may sit at any offset) or a JSON array. */
function storedVector(value: unknown): Float32Array {
  if (Buffer.isBuffer(value)) {
    const vector = new Float32Array(Math.floor(value.byteLength / 4));
    new Uint8Array(vector.buffer).set(value.subarray(0, vector.length * 4));
    return vector;
  }
  return Float32Array.from(typeof value === 'string' ? (JSON.parse(value) as number[]) : []);
}

/** What an aborted call says: it stopped before SQLite saw it. */
const sqliteCallAborted = 'The sqlite-vec call was aborted before it reached SQLite.';
