import type { BenchStoreKind } from '../stores/store-bench-task.js';

/** One printed cell: text or a number (formatted by the table). */
export type Cell = string | number;

/** A target from the issue, evaluated on this run. */
export interface TargetCheck {
  readonly target: string;
  /** `undefined` when the run could not evaluate it (e.g. the client failed). */
  readonly met: boolean | undefined;
  readonly detail: string;
}

/** What each scenario returns: a table, the targets it checks and free-form notes. */
export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, Cell>[];
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
  /** Machine-readable figures for the JSON results. */
  readonly data: unknown;
}

/** How big a run is. `quick` is the one-minute smoke run. */
export interface BenchScale {
  readonly quick: boolean;
  readonly ingestDocuments: number;
  readonly decodeDocuments: number;
  readonly memoryDocuments: number;
  readonly milvusRows: number;
  /** Rows in the query scenario's collection, and queries per concurrency level. */
  readonly queryRows: number;
  readonly queriesPerLevel: number;
  /** Timed query encodes (the simulator's delay) per concurrency level of the query scenario. */
  readonly queryEncodesPerLevel: number;
  /** Time cap per client in the ingest scenario. */
  readonly ingestCapMs: number;
  /** Repetitions of the Milvus ingest scenario (each inserter once per repetition). */
  readonly milvusRepetitions: number;
  /** Documents (5–80 simulated tokens) and the time cap per client of the paid-tier scenario. */
  readonly paidTierDocuments: number;
  readonly paidTierCapMs: number;
  /** Documents (5–40 tokens) and the time cap per client of the short-documents scenario. */
  readonly shortDocuments: number;
  readonly shortDocumentsCapMs: number;
  /**
   * Rows other than embedkit's that the ingest comparisons (free tier, paid tier, short
   * documents) measure side by side, each with its own simulator process. 1 in both scales:
   * three at a time was tried and overloads 2 cores (each simulator spends seconds of CPU
   * building vectors), so every row then ran out of its cap.
   */
  readonly ingestParallelRows: number;
  /**
   * Safety deadline of one Milvus inserter's process (for a machine far slower than planned);
   * an inserter past it is reported as not finished, never rated on a partial count.
   */
  readonly milvusInserterTimeoutMs: number;
  /**
   * Precomputed 384-dim rows every client of a store ingests in the stores scenario: the
   * issue's 20,000 where the engine ingests them within the scenario's budget, fewer on the
   * engines that write slower (each store's figure is in BENCHMARKS.md with the reason).
   */
  readonly storeRows: Readonly<Record<BenchStoreKind, number>>;
  /** Rows per write of the stores scenario (one `addVectors` call, one raw insert). */
  readonly storeBatchRows: number;
  /**
   * Safety cap on embedkit's ingest of one store (for a machine far slower than planned): no
   * batch starts after it, and the other clients then ingest the rows embedkit stored.
   */
  readonly storeIngestCapMs: number;
  /** Timed searches per concurrency level on stores with a vector index, and on brute-force ones. */
  readonly storeQueries: number;
  readonly storeBruteForceQueries: number;
  /** Repetitions of every store's ingests (issue 17: at least 3, reported as median and range). */
  readonly storeRepetitions: number;
  /** Longest wait for a server engine to go idle before the next inserter starts. */
  readonly storeIdleWaitMaxMs: number;
  /** Documents of the faults scenario (20–400 tokens each, within one rate-limit window). */
  readonly faultsDocuments: number;
  /**
   * Time cap per client in the faults scenario: a client without a timeout hangs on a stall
   * until it, so it is paid once per such peer; embedkit needs about 8 s idle (one 6-s timeout).
   */
  readonly faultsCapMs: number;
  /** Documents of the client-overhead scenario (no limits, no latency). */
  readonly overheadDocuments: number;
}

/**
 * The full run, sized to fit 15 minutes on 2 cores (issues 14 and 17) with workloads cut in
 * proportion rather than scenarios dropped:
 * - ingest: 12,000 documents (3.08 token windows, like the former 20,000's 5.16: a few whole
 *   windows and a sliver) and a cap of 45 s, three fifths of both;
 * - decode: 5,000 vectors (CPU per million floats after a full-size warm-up does not depend on
 *   the count);
 * - memory: unchanged at 100,000 vectors — the peak over raw size is not size-independent
 *   (embedkit measured 1.26× at 100,000 and 1.43–1.51× at 50,000: a fixed overhead of about
 *   80 MiB), so a smaller count would change what the figure means;
 * - Milvus: 4,000 rows per inserter (four upserts of embedkit's 1,000-row batch), every inserter
 *   the same rows, three repetitions, each on a fresh server: with the server fresh every time,
 *   rows/s is a per-request figure (each upsert of 1,000 rows into a young collection), and the
 *   9 runs at ~5 s of fixed cost each (server start, process start, count) leave no room for
 *   more rows within the 150-s budget of Milvus and query together;
 * - query: 2,000 rows and 1,000 searches per client and level (1,000 samples cost 6,000
 *   searches at Milvus Lite's 30–150 searches/s; at 20,000 rows that alone took over 3 min);
 * - stores: 3 repetitions (issue 17) of fewer rows, equal for every client of a store (memory,
 *   sqlite-vec, LanceDB 10,000; Milvus Lite 5,000; PostgreSQL, Chroma 1,000; PGlite 500), with
 *   idle polls of 250 ms capped at 3 s instead of 1-s polls up to 20 s.
 */
export const fullScale: BenchScale = {
  quick: false,
  ingestDocuments: 8_000,
  decodeDocuments: 5_000,
  memoryDocuments: 100_000,
  milvusRows: 4_000,
  queryRows: 2_000,
  queriesPerLevel: 1_000,
  queryEncodesPerLevel: 200,
  ingestCapMs: 45_000,
  milvusRepetitions: 3,
  milvusInserterTimeoutMs: 180_000,
  paidTierDocuments: 11_500,
  paidTierCapMs: 25_000,
  shortDocuments: 5_500,
  shortDocumentsCapMs: 20_000,
  ingestParallelRows: 1,
  storeRows: {
    memory: 10_000,
    'sqlite-vec': 10_000,
    lancedb: 10_000,
    'milvus-lite': 5_000,
    postgres: 1_000,
    chroma: 1_000,
    pglite: 500,
  },
  storeBatchRows: 500,
  storeIngestCapMs: 30_000,
  storeQueries: 100,
  storeBruteForceQueries: 20,
  storeRepetitions: 3,
  storeIdleWaitMaxMs: 3_000,
  faultsDocuments: 6_000,
  faultsCapMs: 20_000,
  overheadDocuments: 4_000,
};

export const quickScale: BenchScale = {
  quick: true,
  ingestDocuments: 300,
  decodeDocuments: 300,
  memoryDocuments: 2_000,
  milvusRows: 1_000,
  queryRows: 1_000,
  queriesPerLevel: 50,
  queryEncodesPerLevel: 20,
  ingestCapMs: 15_000,
  milvusRepetitions: 1,
  milvusInserterTimeoutMs: 60_000,
  paidTierDocuments: 200,
  paidTierCapMs: 8_000,
  shortDocuments: 400,
  shortDocumentsCapMs: 8_000,
  ingestParallelRows: 1,
  storeRows: {
    memory: 300,
    'sqlite-vec': 300,
    lancedb: 300,
    'milvus-lite': 300,
    postgres: 300,
    chroma: 300,
    pglite: 300,
  },
  storeBatchRows: 100,
  storeIngestCapMs: 10_000,
  storeQueries: 8,
  storeBruteForceQueries: 8,
  storeRepetitions: 1,
  storeIdleWaitMaxMs: 1_000,
  faultsDocuments: 600,
  faultsCapMs: 30_000,
  overheadDocuments: 300,
};
