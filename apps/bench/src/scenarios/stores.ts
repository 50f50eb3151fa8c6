import { runChild } from '../harness/child-process.js';
import type { LevelLatency } from '../harness/latency-percentiles.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { formatNumber } from '../report-table.js';
import {
  type BenchStoreKind,
  benchStoreKinds,
  type StoreBenchMeasurement,
  type StoreBenchOutcome,
  type StoreBenchTask,
} from '../stores/store-bench-task.js';
import { type BenchEngine, startBenchEngine } from '../stores/store-engines.js';

/** The engine's own client each store is compared with. */
const rawClients: Record<BenchStoreKind, string> = {
  memory: 'plain array + brute-force cosine',
  'milvus-lite': '@zilliz/milvus2-sdk-node',
  pglite: '@electric-sql/pglite SQL',
  postgres: 'pg (node-postgres) SQL',
  chroma: 'chromadb JS client',
  lancedb: '@lancedb/lancedb',
  'sqlite-vec': 'better-sqlite3 + sqlite-vec SQL',
};

/** Stores whose search is an exact scan of every row at this size: fewer timed searches. */
const bruteForce = new Set<BenchStoreKind>(['memory', 'lancedb', 'sqlite-vec']);
const dimensions = 384;
const levels = [1, 8];
const topK = 10;

const columns = [
  'client',
  'rows',
  'rows/s',
  'searched',
  'p50 @1 ms',
  'p95 @1 ms',
  'p50 @8 ms',
  'p95 @8 ms',
  'result',
];

/**
 * Scenario 6: every store through embedkit beside the engine's own client on the same data —
 * ingest rows/s of precomputed 384-dim vectors in batches of 500, and search p50/p95 at 1 and
 * 8 queries in flight on the same collection — with embedkit ÷ raw. `BENCH_STORES` picks stores.
 */
export async function stores(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const chosen = selectedStores();
  const batchRows = scale.storeBatchRows;
  // Engines start together (servers are idle until their turn); each stops after its store. A
  // full run waits for all of them first, so no start competes with a measurement for the CPU;
  // the quick run lets the slow starts overlap the first stores.
  const engines = new Map<BenchStoreKind, Promise<BenchEngine>>(
    chosen.map((kind) => [kind, startBenchEngine(kind, python)]),
  );
  for (const engine of engines.values()) engine.catch(() => {});
  if (!scale.quick) {
    const startsBegun = Date.now();
    await Promise.allSettled(engines.values());
    log(`stores: engines started in ${((Date.now() - startsBegun) / 1000).toFixed(0)} s`);
  }
  const rows: Record<string, Cell>[] = [];
  const data: Record<string, unknown> = {};
  const engineNotes: string[] = [];
  for (const kind of chosen) {
    let engine: BenchEngine | undefined;
    let outcomes: StoreBenchOutcome[];
    try {
      engine = await engines.get(kind)!;
      engineNotes.push(`${kind}: ${engine.description}`);
      const queries = bruteForce.has(kind) ? scale.storeBruteForceQueries : scale.storeQueries;
      const stamp = Date.now();
      const task: StoreBenchTask = {
        kind,
        engine: engine.location,
        collections: { embedkit: `bench_embedkit_${stamp}`, raw: `bench_raw_${stamp}` },
        dimensions,
        rows: scale.storeRows,
        batchRows,
        ingestCapMs: scale.storeIngestCapMs,
        queries,
        levels,
        topK,
      };
      const outcome = await runChild<StoreBenchTask, StoreBenchOutcome[]>(
        'stores/store-bench-worker.js',
        task,
        { timeoutMs: 2 * (scale.storeIngestCapMs + 90_000) },
      );
      outcomes =
        outcome.kind === 'ok'
          ? outcome.result
          : (['embedkit', 'raw'] as const).map((client) => ({
              client,
              error: outcome.kind === 'failed' ? outcome.error : 'timed out',
            }));
    } catch (error) {
      outcomes = (['embedkit', 'raw'] as const).map((client) => ({
        client,
        error: `the engine did not start: ${(error as Error).message}`,
      }));
    } finally {
      await engine?.stop();
    }
    log(
      `stores: ${kind} ${outcomes.map((entry) => `${entry.client} ${'error' in entry ? 'failed' : 'ok'}`).join(', ')}`,
    );
    data[kind] = outcomes;
    rows.push(...storeRows(kind, outcomes, scale));
  }
  return {
    id: 'stores',
    title: `6. Stores: embedkit beside each engine's own client (${formatNumber(scale.storeRows, 0)} precomputed ${dimensions}-dim vectors, cosine)`,
    columns,
    rows,
    targets: [],
    notes: [
      `Per store, one worker process runs embedkit's store and then the engine's own client on the same rows (id, a short text, metadata { row, group }, a seeded unit vector), each into its own new collection with the same dimension and metric, in batches of ${batchRows} rows (embedkit: \`addVectors\` per batch, with the store's insert batch set to ${batchRows} where it has one). Ingest stops starting batches after ${scale.storeIngestCapMs / 1000} s; rows/s is over the rows stored by then. Not timed: building rows, creating collections, the flush before searching.`,
      `Searches: top ${topK} of seeded unit query vectors, ${scale.storeQueries} per level (${scale.storeBruteForceQueries} on the brute-force stores: ${[...bruteForce].join(', ')}) after 4 warm-up queries, at 1 and 8 in flight; both clients search embedkit's collection (same rows, same index), returning id, text, metadata and score. embedkit: \`searchByVector\`.`,
      'Raw clients: ' +
        Object.entries(rawClients)
          .filter(([kind]) => chosen.includes(kind as BenchStoreKind))
          .map(([kind, client]) => `${kind} — ${client}`)
          .join('; ') +
        '. What each does is in apps/bench/src/stores/raw-*-client.ts.',
      `The "embedkit ÷ raw" rows: rows/s above 1× means embedkit ingests faster; latency above 1× means embedkit is slower. The raw client runs second in the same process, so it meets warmed-up modules and caches (if anything, in its favour).`,
      `Engines: ${engineNotes.join('; ')}. ${scale.quick ? 'Quick run: engines start while the first stores are measured.' : 'All engines are started (and idle) before the first store is measured.'}`,
    ],
    data,
  };
}

function selectedStores(): BenchStoreKind[] {
  const asked = process.env.BENCH_STORES?.split(',').map((name) => name.trim());
  if (!asked) return [...benchStoreKinds];
  const unknown = asked.filter((name) => !(benchStoreKinds as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_STORES names unknown stores: ${unknown.join(', ')}. Known: ${benchStoreKinds.join(', ')}.`,
    );
  }
  return benchStoreKinds.filter((kind) => asked.includes(kind));
}

function storeRows(
  kind: BenchStoreKind,
  outcomes: readonly StoreBenchOutcome[],
  scale: BenchScale,
): Record<string, Cell>[] {
  const label = (client: string) =>
    client === 'embedkit' ? `embedkit (${kind})` : `${rawClients[kind]} (${kind})`;
  const measured = new Map<string, StoreBenchMeasurement>();
  const rows = outcomes.map((outcome): Record<string, Cell> => {
    if ('error' in outcome)
      return { client: label(outcome.client), result: `failed: ${outcome.error}` };
    const { measurement } = outcome;
    measured.set(outcome.client, measurement);
    const result =
      measurement.firstHits === 0
        ? 'failed: the search returned no hits'
        : measurement.capped
          ? `stopped at the ${scale.storeIngestCapMs / 1000}-s cap`
          : 'completed';
    return {
      client: label(outcome.client),
      rows: measurement.rowsStored,
      'rows/s': rate(measurement),
      searched: measurement.searchedRows,
      ...latencyCells(measurement.levels, (value) => formatNumber(value, 2)),
      result,
    };
  });
  const embedkit = measured.get('embedkit');
  const raw = measured.get('raw');
  if (embedkit && raw) {
    const times = (value: number) => `${formatNumber(value, 2)}×`;
    const ratioLevels = embedkit.levels.map((level, index) => {
      const other = raw.levels[index]!;
      return { ...level, p50: level.p50 / other.p50, p95: level.p95 / other.p95 };
    });
    rows.push({
      client: `embedkit ÷ raw (${kind})`,
      'rows/s': times(rate(embedkit) / rate(raw)),
      ...latencyCells(ratioLevels, times),
      result: '',
    });
  }
  return rows;
}

function rate(measurement: StoreBenchMeasurement): number {
  return measurement.rowsStored / (measurement.ingestMs / 1000);
}

function latencyCells(
  latencies: readonly LevelLatency[],
  format: (value: number) => string,
): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const level of latencies) {
    cells[`p50 @${level.concurrency} ms`] = format(level.p50);
    cells[`p95 @${level.concurrency} ms`] = format(level.p95);
  }
  return cells;
}
