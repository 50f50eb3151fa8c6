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

/**
 * Longest wait, after a flush, for the server's index build before searches are timed. Milvus
 * Lite seldom drops below a tenth of a core for long (background work), so a longer wait mostly
 * waited out that floor: 150 s of a 5,000-row store's run went to waits of up to 10 and 20 s.
 */
export const searchIdleWaitMaxMs = 5_000;

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
 * The clients on one store, repeated: in each repetition every client, in that repetition's
 * (seeded, shuffled) order, ingests the same rows into a fresh collection on an idle engine;
 * in the last repetition each also times searches of its own collection.
 */
export interface StoreBenchTask {
  readonly kind: BenchStoreKind;
  readonly engine: EngineLocation;
  /** The order of the clients in each repetition (one list per repetition). */
  readonly orders: readonly (readonly BenchClient[])[];
  /** A prefix for collection names, unique to this run. */
  readonly collectionPrefix: string;
  readonly dimensions: number;
  /** Rows every client ingests in each repetition. */
  readonly rows: number;
  readonly batchRows: number;
  /**
   * A safety cap on each ingest for a machine far slower than planned: no batch starts after
   * this long, and the result says the client stopped there (its rate is then over fewer rows).
   */
  readonly ingestCapMs: number;
  /** Longest wait for the engine's server process to go idle before an inserter starts. */
  readonly idleWaitMaxMs: number;
  /** The Python with pymilvus, for the `pymilvus` client. */
  readonly python?: string;
  readonly queries: number;
  readonly levels: readonly number[];
  readonly topK: number;
}

/** One client's ingest in one repetition, in the order it ran. */
export type StoreIngestOutcome =
  | {
      readonly client: BenchClient;
      readonly repetition: number;
      readonly ingest: StoreIngestMeasurement;
      /** How long the bench waited for the engine to go idle before this inserter. */
      readonly idleWaitMs: number;
    }
  | { readonly client: BenchClient; readonly repetition: number; readonly error: string };

/** One client's searches (last repetition, its own collection). */
export type StoreSearchOutcome =
  | { readonly client: BenchClient; readonly search: StoreSearchMeasurement }
  | { readonly client: BenchClient; readonly error: string };

/** What the worker returns for one store. */
export interface StoreBenchOutcome {
  readonly ingests: readonly StoreIngestOutcome[];
  readonly searches: readonly StoreSearchOutcome[];
}

/** One ingest of one client. */
export interface StoreIngestMeasurement {
  readonly rowsStored: number;
  readonly ingestMs: number;
  readonly capped: boolean;
}

/** One client's searches. */
export interface StoreSearchMeasurement {
  /** Rows in the searched collection, as the client counted them. */
  readonly searchedRows: number;
  /** Hits the first query returned (a search that returns nothing is a broken measurement). */
  readonly firstHits: number;
  readonly levels: readonly LevelLatency[];
}

/** What one client on one store measured in one repetition (searches: last repetition only). */
export interface StoreBenchMeasurement extends StoreIngestMeasurement {
  readonly search?: StoreSearchMeasurement;
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
  /** The collection the client searches: its own, filled with the same rows as every other client's. */
  readonly searchCollection: string;
  /**
   * An empty collection embedkit created before any client ran (PostgreSQL's raw table is
   * `LIKE` it), so a raw client drawn before embedkit still builds the same structures.
   */
  readonly templateCollection?: string;
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
