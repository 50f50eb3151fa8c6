import { NotSupportedError } from '../errors/not-supported-error.js';
import { StoreError } from '../errors/store-error.js';
import { sparseDot } from '../sparse/sparse-vector.js';
import { cosineSimilarity, dot, squaredEuclideanDistance } from '../vectors/similarity.js';
import { matchesFilterNode } from './match-filter-node.js';
import type { MemoryCollection, MemoryDatabase } from './memory-database.js';
import { MemoryFileLock } from './memory-file-lock.js';
import { loadMemorySnapshot, saveMemorySnapshot } from './memory-snapshot.js';
import type { FilterNode } from './metadata-filter.js';
import type { SearchResult, StoredDocument, VectorMetric } from './vector-store.js';
import type {
  DriverDeleteSelector,
  DriverQuery,
  OpenCollectionRequest,
  OpenedCollection,
  SparseDriverQuery,
  StoreRow,
  VectorStoreDriver,
} from './vector-store-driver.js';

export interface MemoryStoreDriverOptions {
  /** Share collections between drivers; each driver has its own database otherwise. */
  database?: MemoryDatabase;
  /**
   * A JSON file the database is loaded from (when it exists) and saved to by `flush()` and
   * `close()`, atomically, so a small corpus survives between runs without a database server.
   * With `database` too, the file's collections that database lacks are added to it.
   */
  path?: string;
  /**
   * How long a writer waits for another process's lock on `path` before it fails. Default 60 s.
   */
  lockTimeoutMs?: number;
}

/**
 * The reference driver: exact search over vectors held in memory (linear in the number of rows),
 * the zero-dependency default for tests, demos and small corpora.
 */
export class MemoryStoreDriver implements VectorStoreDriver {
  readonly kind = 'memory';
  readonly engine = 'embedkit memory store (exact search in this process)';
  readonly sparseVectors = true;
  readonly location: string;
  readonly database: MemoryDatabase;
  readonly #path: string | undefined;
  private readonly lock: MemoryFileLock | undefined;
  private readonly ownsDatabase: boolean;
  /** Whether this driver changed the database since it was loaded or saved: a reader never writes. */
  private changed = false;

  constructor(options: MemoryStoreDriverOptions = {}) {
    this.#path = options.path;
    this.lock = options.path ? new MemoryFileLock(options.path, options.lockTimeoutMs) : undefined;
    this.ownsDatabase = options.database === undefined;
    this.database = options.database ?? loadMemorySnapshot(options.path);
    if (options.database && options.path) {
      // The file's collections join a given database unless it has them already (it was loaded
      // from this file, or holds newer versions), so saving to the file never drops one.
      for (const [name, collection] of loadMemorySnapshot(options.path).collections) {
        if (!this.database.collections.has(name)) this.database.collections.set(name, collection);
      }
    }
    this.location = options.path ?? 'memory';
  }

  async openCollection(request: OpenCollectionRequest): Promise<OpenedCollection> {
    let existing = this.database.collections.get(request.collection);
    if (existing) return { record: existing.record, created: false };
    await this.beginWrite();
    // Another process may have created it while this one waited for the lock.
    existing = this.database.collections.get(request.collection);
    if (existing) return { record: existing.record, created: false };
    this.database.collections.set(request.collection, { record: request.record, rows: new Map() });
    this.changed = true;
    return { record: request.record, created: true };
  }

  async upsert(collection: string, rows: readonly StoreRow[]): Promise<void> {
    await this.beginWrite();
    const stored = this.#collection(collection).rows;
    this.changed = true;
    // Copies: a vector may be a view into a caller's or a response's buffer.
    for (const row of rows) stored.set(row.id, copyRow(row));
  }

  async query(collection: string, query: DriverQuery): Promise<SearchResult[]> {
    const { record, rows } = this.#collection(collection);
    const score = scorer(record.metric);
    return this.#rank(rows.values(), query, record.metric === 'l2', (row) =>
      score(query.vector, row.vector),
    );
  }

  /** Exact sparse search: rows sharing an index with the query, by inner product. */
  async querySparse(collection: string, query: SparseDriverQuery): Promise<SearchResult[]> {
    const { rows } = this.#collection(collection);
    return this.#rank(rows.values(), query, false, (row) =>
      row.sparse && sharesIndex(row.sparse.indices, query.sparse.indices)
        ? sparseDot(query.sparse, row.sparse)
        : undefined,
    );
  }

  #rank(
    rows: Iterable<StoreRow>,
    query: Omit<DriverQuery, 'vector'>,
    lowerIsBetter: boolean,
    score: (row: StoreRow) => number | undefined,
  ): SearchResult[] {
    const fields = query.outputFields ?? ['text', 'metadata'];
    const hits: SearchResult[] = [];
    for (const row of rows) {
      if (!matchesFilterNode(row.metadata, checkedFilter(query.filter))) continue;
      const value = score(row);
      if (value === undefined) continue;
      hits.push({
        id: row.id,
        text: fields.includes('text') ? row.text : '',
        metadata: fields.includes('metadata') ? row.metadata : {},
        score: value,
      });
    }
    // Equal scores by id, as core orders every store's hits.
    hits.sort(
      (left, right) =>
        (lowerIsBetter ? left.score - right.score : right.score - left.score) ||
        (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
    );
    return hits.slice(0, query.topK);
  }

  async get(collection: string, ids: readonly string[]): Promise<StoredDocument[]> {
    const { rows } = this.#collection(collection);
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [{ id: row.id, text: row.text, metadata: row.metadata }] : [];
    });
  }

  async delete(collection: string, selector: DriverDeleteSelector): Promise<void> {
    await this.beginWrite();
    const { rows } = this.#collection(collection);
    this.changed = true;
    if ('ids' in selector) {
      for (const id of selector.ids) rows.delete(id);
      return;
    }
    if ('all' in selector) {
      rows.clear();
      return;
    }
    const filter = checkedFilter(selector.filter);
    for (const [id, row] of rows) {
      if (matchesFilterNode(row.metadata, filter)) rows.delete(id);
    }
  }

  async *readIds(
    collection: string,
    options: { pageSize: number },
  ): AsyncIterable<readonly string[]> {
    const ids = [...this.#collection(collection).rows.keys()];
    for (let start = 0; start < ids.length; start += options.pageSize) {
      yield ids.slice(start, start + options.pageSize);
    }
  }

  async getRows(collection: string, ids: readonly string[]): Promise<StoreRow[]> {
    const { rows } = this.#collection(collection);
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [copyRow(row)] : [];
    });
  }

  async count(collection: string): Promise<number> {
    return this.#collection(collection).rows.size;
  }

  /**
   * Saves the database to `path`, when there is one and this driver changed it: a process that
   * only reads (a search, the source of a migration) never rewrites the file, so it cannot
   * overwrite what another process wrote meanwhile.
   */
  async flush(): Promise<void> {
    if (this.#path && this.changed) {
      saveMemorySnapshot(this.database, this.#path);
      this.changed = false;
    }
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.lock?.release();
    }
  }

  /**
   * Before this driver's first change: takes the file's lock (waiting for another writer to
   * close) and reloads the file, so rows another process saved meanwhile are kept, not replaced.
   */
  private async beginWrite(): Promise<void> {
    if (!this.lock || this.lock.held) return;
    await this.lock.acquire();
    if (!this.ownsDatabase || this.changed) return;
    const fresh = loadMemorySnapshot(this.#path);
    this.database.collections.clear();
    for (const [name, collection] of fresh.collections) {
      this.database.collections.set(name, collection);
    }
  }

  #collection(name: string): MemoryCollection {
    const collection = this.database.collections.get(name);
    if (!collection) {
      throw new StoreError({
        store: this.kind,
        message: `Collection "${name}" is no longer in this memory database (it was removed from database.collections); create a new store to recreate it.`,
      });
    }
    return collection;
  }
}

function scorer(metric: VectorMetric): (query: Float32Array, vector: Float32Array) => number {
  if (metric === 'l2') return squaredEuclideanDistance;
  if (metric === 'ip') return dot;
  return cosineSimilarity;
}

/** Core hands the memory driver no strings (it does not declare `nativeFilters`). */
function checkedFilter(filter: FilterNode | string | undefined): FilterNode | undefined {
  if (typeof filter === 'string') {
    throw new NotSupportedError({
      message: `The memory store takes filters as objects such as { source: "a.md" }, not expression strings ("${filter}").`,
    });
  }
  return filter;
}

/** A copy of a row: its vectors may be views into a caller's or a response's buffer. */
function copyRow(row: StoreRow): StoreRow {
  const { sparse, ...rest } = row;
  return {
    ...rest,
    vector: Float32Array.from(row.vector),
    ...(sparse
      ? {
          sparse: {
            indices: Uint32Array.from(sparse.indices),
            values: Float32Array.from(sparse.values),
          },
        }
      : {}),
  };
}

/** Whether two ascending index lists have an index in common. */
function sharesIndex(left: Uint32Array, right: Uint32Array): boolean {
  let leftPosition = 0;
  let rightPosition = 0;
  while (leftPosition < left.length && rightPosition < right.length) {
    if (left[leftPosition] === right[rightPosition]) return true;
    if (left[leftPosition]! < right[rightPosition]!) leftPosition++;
    else rightPosition++;
  }
  return false;
}
