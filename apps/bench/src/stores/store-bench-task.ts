import type { LevelLatency } from '../harness/latency-percentiles.js';

/**
 * The stores the scenario measures, in the order it runs them: the engines that take longest
 * to start (Milvus Lite, PGlite's `initdb`) last, so a quick run's starts overlap the others.
 */
export const benchStoreKinds = [
  'memory',
  'sqlite-vec',
  'lancedb',
  'postgres',
  'chroma',
  'milvus-lite',
  'pglite',
] as const;

export type BenchStoreKind = (typeof benchStoreKinds)[number];

/** Where a store's engine is: a server's address or an embedded engine's path. */
export interface EngineLocation {
  /** Milvus Lite's gRPC address, a PostgreSQL connection string or a Chroma URL. */
  readonly address?: string;
  /** PGlite's data directory, LanceDB's directory or the SQLite file. */
  readonly path?: string;
  /** Milvus Lite's process, watched until its index build is done before searches are timed. */
  readonly serverPid?: number;
}

/**
 * Which client: embedkit's store, the engine's own Node client doing the same work, or (Milvus
 * Lite only) pymilvus, Milvus' own Python client.
 */
export type BenchClient = 'embedkit' | 'raw' | 'pymilvus';

/**
 * The clients on one store, embedkit first: it sets the row count the others ingest, and the
 * others search its collection.
 */
export interface StoreBenchTask {
  readonly kind: BenchStoreKind;
  readonly engine: EngineLocation;
  /** The clients to run, in order; `embedkit` first. */
  readonly clients: readonly BenchClient[];
  /** The collection each client ingests into. */
  readonly collections: Readonly<Partial<Record<BenchClient, string>>>;
  readonly dimensions: number;
  /** Rows embedkit ingests for this store (the same for every client unless the cap stops it). */
  readonly rows: number;
  readonly batchRows: number;
  /**
   * A safety cap on embedkit's ingest for a machine far slower than planned: no batch starts
   * after this long. The other clients then ingest exactly the rows embedkit stored, uncapped,
   * so every client's rows/s is over the same rows.
   */
  readonly ingestCapMs: number;
  /** The Python with pymilvus, for the `pymilvus` client. */
  readonly python?: string;
  readonly queries: number;
  readonly levels: readonly number[];
  readonly topK: number;
}

/** One client's run on one store, in the order the task listed them. */
export type StoreBenchOutcome =
  | { readonly client: BenchClient; readonly measurement: StoreBenchMeasurement }
  | { readonly client: BenchClient; readonly error: string };

/** What one client on one store measured. */
export interface StoreBenchMeasurement {
  readonly rowsStored: number;
  readonly ingestMs: number;
  readonly capped: boolean;
  /** Rows in the searched collection, as the client counted them. */
  readonly searchedRows: number;
  /** Hits the first query returned (a search that returns nothing is a broken measurement). */
  readonly firstHits: number;
  readonly levels: readonly LevelLatency[];
}

/** A row to ingest: precomputed, identical for every client. */
export interface BenchRow {
  readonly id: string;
  readonly text: string;
  readonly vector: Float32Array;
  readonly metadata: { readonly row: number; readonly group: string };
}

/** A client on one collection: where it ingests and what it searches. */
export interface ClientTarget {
  readonly kind: BenchStoreKind;
  readonly engine: EngineLocation;
  readonly dimensions: number;
  readonly batchRows: number;
  readonly ingestCollection: string;
  /** The collection every client searches: the one embedkit filled, so all search the same rows and index. */
  readonly searchCollection: string;
}

/** What the worker needs of a client: create, write a batch, search, count, close. */
export interface StoreBenchClient {
  /** Creates (or opens) the ingest collection; not timed. */
  prepare(): Promise<void>;
  /** Upserts one batch into the ingest collection. */
  insert(rows: readonly BenchRow[]): Promise<void>;
  /** Readies the search collection once ingest is over (Milvus: flush and load); not timed. */
  beforeSearch?(): Promise<void>;
  /** The `topK` nearest rows of the search collection, with text, metadata and score. */
  search(vector: Float32Array, topK: number): Promise<readonly unknown[]>;
  /** Rows in the search collection. */
  countSearched(): Promise<number>;
  close(): Promise<void>;
}
