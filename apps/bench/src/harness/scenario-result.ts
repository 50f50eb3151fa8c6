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
  /** Time cap per client in the ingest scenario. */
  readonly ingestCapMs: number;
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
   * Time after which a chunked Milvus inserter starts no further chunk; its rate is then taken
   * over the rows it stored. Keeps the slowest peers from dominating the run's length.
   */
  readonly milvusCapMs: number;
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
 * - Milvus: 60,000 rows (was 100,000) and each chunked inserter rated over the same 30-s stretch
 *   (was 45 s): the capped inserters stored 20,000–70,000 rows in 45 s, so building 100,000 rows
 *   per process was mostly unused work; the one-shot insert sends all 60,000.
 */
export const fullScale: BenchScale = {
  quick: false,
  ingestDocuments: 8_000,
  decodeDocuments: 5_000,
  memoryDocuments: 100_000,
  milvusRows: 60_000,
  queryRows: 20_000,
  queriesPerLevel: 100,
  ingestCapMs: 45_000,
  paidTierDocuments: 11_500,
  paidTierCapMs: 25_000,
  shortDocuments: 5_500,
  shortDocumentsCapMs: 20_000,
  ingestParallelRows: 1,
  milvusCapMs: 30_000,
  storeRows: {
    memory: 20_000,
    'sqlite-vec': 20_000,
    lancedb: 20_000,
    'milvus-lite': 20_000,
    postgres: 5_000,
    chroma: 5_000,
    pglite: 1_000,
  },
  storeBatchRows: 500,
  storeIngestCapMs: 30_000,
  storeQueries: 100,
  storeBruteForceQueries: 20,
};

export const quickScale: BenchScale = {
  quick: true,
  ingestDocuments: 300,
  decodeDocuments: 300,
  memoryDocuments: 2_000,
  milvusRows: 1_000,
  queryRows: 1_000,
  queriesPerLevel: 8,
  ingestCapMs: 15_000,
  paidTierDocuments: 200,
  paidTierCapMs: 8_000,
  shortDocuments: 400,
  shortDocumentsCapMs: 8_000,
  ingestParallelRows: 1,
  milvusCapMs: 30_000,
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
};
