import { runChild } from '../harness/child-process.js';
import type { LevelLatency } from '../harness/latency-percentiles.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { formatNumber } from '../report-table.js';
import {
  type BenchClient,
  type BenchStoreKind,
  benchStoreKinds,
  type StoreBenchMeasurement,
  type StoreBenchOutcome,
  type StoreBenchTask,
} from '../stores/store-bench-task.js';
import { type BenchEngine, startBenchEngine } from '../stores/store-engines.js';

/** The engine's own Node client each store is compared with. */
const rawClients: Record<BenchStoreKind, string> = {
  memory: 'plain array + brute-force cosine',
  'milvus-lite': 'Node SDK @zilliz/milvus2-sdk-node',
  pglite: '@electric-sql/pglite SQL',
  postgres: 'pg (node-postgres) SQL',
  chroma: 'chromadb JS client',
  lancedb: '@lancedb/lancedb',
  'sqlite-vec': 'better-sqlite3 + sqlite-vec SQL',
};

/** Milvus' own Python client, the third client of Milvus Lite. */
const pymilvusLabel = 'Python pymilvus MilvusClient';

/** The clients of a store, embedkit first (it sets the rows the others ingest). */
function clientsOf(kind: BenchStoreKind): BenchClient[] {
  return kind === 'milvus-lite' ? ['embedkit', 'raw', 'pymilvus'] : ['embedkit', 'raw'];
}

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
 * Scenario 6: every store through embedkit beside the engine's own client (and pymilvus for
 * Milvus Lite) on the same data — ingest rows/s over the same precomputed 384-dim rows in
 * batches of 500, and search p50/p95 at 1 and 8 queries in flight on the same collection — with
 * embedkit ÷ each. `BENCH_STORES` picks stores.
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
        clients: clientsOf(kind),
        collections: Object.fromEntries(
          clientsOf(kind).map((client) => [client, `bench_${client}_${stamp}`]),
        ),
        dimensions,
        rows: scale.storeRows[kind],
        batchRows,
        ingestCapMs: scale.storeIngestCapMs,
        python,
        queries,
        levels,
        topK,
      };
      // The others ingest embedkit's rows uncapped: a generous bound on the whole worker.
      const outcome = await runChild<StoreBenchTask, StoreBenchOutcome[]>(
        'stores/store-bench-worker.js',
        task,
        { timeoutMs: (1 + 3 * clientsOf(kind).length) * scale.storeIngestCapMs + 180_000 },
      );
      outcomes =
        outcome.kind === 'ok'
          ? outcome.result
          : clientsOf(kind).map((client) => ({
              client,
              error: outcome.kind === 'failed' ? outcome.error : 'timed out',
            }));
    } catch (error) {
      outcomes = clientsOf(kind).map((client) => ({
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
    title: `6. Stores: embedkit beside each engine's own client (up to ${formatNumber(Math.max(...Object.values(scale.storeRows)), 0)} precomputed ${dimensions}-dim vectors, cosine)`,
    columns,
    rows,
    targets: [],
    notes: [
      `Per store, one worker process runs embedkit's store and then the engine's own client (for Milvus Lite also pymilvus, in Python) on the same rows (id, a short text, metadata { row, group }, a seeded unit vector), each into its own new collection with the same dimension and metric, in batches of ${batchRows} rows (embedkit: \`addVectors\` per batch, with the store's insert batch set to ${batchRows} where it has one). Rows per store: ${chosen.map((kind) => `${kind} ${formatNumber(scale.storeRows[kind], 0)}`).join(', ')}; every client ingests the same rows (a safety cap stops embedkit's ingest after ${scale.storeIngestCapMs / 1000} s on a machine far slower than planned, and the others then ingest exactly the rows it stored). Not timed: building rows, creating collections, the flush before searching.`,
      `Searches: top ${topK} of seeded unit query vectors, ${scale.storeQueries} per level (${scale.storeBruteForceQueries} on the brute-force stores: ${[...bruteForce].join(', ')}) after 4 warm-up queries, at 1 and 8 in flight; every client searches embedkit's collection (same rows, same index), returning id, text, metadata and score. embedkit: \`searchByVector\`.`,
      'Raw clients: ' +
        Object.entries(rawClients)
          .filter(([kind]) => chosen.includes(kind as BenchStoreKind))
          .map(([kind, client]) => `${kind} — ${client}`)
          .join('; ') +
        (chosen.includes('milvus-lite')
          ? `; milvus-lite also — ${pymilvusLabel}, one \`upsert\` per batch into a collection with embedkit's fields (VarChar id, float vector AUTOINDEX/COSINE, VarChar text, JSON metadata, Strong consistency), searches from 1 or 8 threads on one client`
          : '') +
        '. What each does is in apps/bench/src/stores/raw-*-client.ts and apps/bench/python/milvus_store_client.py.',
      `The "embedkit ÷" rows: rows/s above 1× means embedkit ingests faster; latency above 1× means embedkit is slower. The raw Node client runs second in the same process, so it meets warmed-up modules and caches (if anything, in its favour); pymilvus runs third, in its own Python processes.`,
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
  const names: Record<BenchClient, string> = {
    embedkit: 'embedkit',
    raw: rawClients[kind],
    pymilvus: pymilvusLabel,
  };
  const label = (client: BenchClient) => `${names[client]} (${kind})`;
  const measured = new Map<BenchClient, StoreBenchMeasurement>();
  const rows = outcomes.map((outcome): Record<string, Cell> => {
    if ('error' in outcome)
      return { client: label(outcome.client), result: `failed: ${outcome.error}` };
    const { measurement } = outcome;
    measured.set(outcome.client, measurement);
    const result =
      measurement.firstHits === 0
        ? 'failed: the search returned no hits'
        : measurement.capped
          ? `stopped at the ${scale.storeIngestCapMs / 1000}-s safety cap`
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
  const times = (value: number) => `${formatNumber(value, 2)}×`;
  for (const [client, other] of measured) {
    if (client === 'embedkit' || embedkit === undefined) continue;
    const ratioLevels = embedkit.levels.map((level, index) => {
      const theirs = other.levels[index]!;
      return { ...level, p50: level.p50 / theirs.p50, p95: level.p95 / theirs.p95 };
    });
    const short = client === 'pymilvus' ? 'pymilvus' : kind === 'milvus-lite' ? 'Node SDK' : 'raw';
    rows.push({
      client: `embedkit ÷ ${short} (${kind})`,
      'rows/s': times(rate(embedkit) / rate(other)),
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
