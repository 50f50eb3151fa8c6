import { createSeededRandom } from '@embedkit/testing/seeded-random';
import { runChild } from '../harness/child-process.js';
import type { LevelLatency } from '../harness/latency-percentiles.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { median } from '../plots/bar-chart.js';
import type { RepetitionSeries } from '../plots/bench-plots.js';
import { formatNumber } from '../report-table.js';
import {
  type BenchClient,
  type BenchStoreKind,
  benchStoreKinds,
  type StoreBenchOutcome,
  type StoreBenchTask,
  type StoreIngestMeasurement,
  type StoreSearchMeasurement,
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

/** The clients of a store (each repetition runs them in its own shuffled order). */
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
  'rows/s (median)',
  'rows/s range',
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
  const series: RepetitionSeries['series'][number][] = [];
  const seed = orderSeed();
  const random = createSeededRandom(seed);
  const orderNotes: string[] = [];
  for (const kind of chosen) {
    let engine: BenchEngine | undefined;
    let outcome: StoreBenchOutcome;
    const orders = Array.from({ length: scale.storeRepetitions }, () =>
      shuffled(clientsOf(kind), random),
    );
    orderNotes.push(`${kind} ${orders.map((order) => order.join(' → ')).join('; ')}`);
    try {
      engine = await engines.get(kind)!;
      engineNotes.push(`${kind}: ${engine.description}`);
      const queries = bruteForce.has(kind) ? scale.storeBruteForceQueries : scale.storeQueries;
      const task: StoreBenchTask = {
        kind,
        engine: engine.location,
        orders,
        collectionPrefix: `bench_${Date.now()}`,
        dimensions,
        rows: scale.storeRows[kind],
        batchRows,
        ingestCapMs: scale.storeIngestCapMs,
        idleWaitMaxMs: scale.storeIdleWaitMaxMs,
        python,
        queries,
        levels,
        topK,
      };
      const runs = scale.storeRepetitions * clientsOf(kind).length;
      const child = await runChild<StoreBenchTask, StoreBenchOutcome>(
        'stores/store-bench-worker.js',
        task,
        { timeoutMs: runs * (scale.storeIngestCapMs + scale.storeIdleWaitMaxMs) + 180_000 },
      );
      outcome =
        child.kind === 'ok'
          ? child.result
          : failedEverywhere(
              kind,
              scale,
              child.kind === 'failed' ? child.error : 'the worker timed out',
            );
    } catch (error) {
      outcome = failedEverywhere(
        kind,
        scale,
        `the engine did not start: ${(error as Error).message}`,
      );
    } finally {
      await engine?.stop();
    }
    const failed = outcome.ingests.filter((entry) => 'error' in entry).length;
    log(
      `stores: ${kind} ${outcome.ingests.length - failed} of ${outcome.ingests.length} ingests ok (${scale.storeRepetitions} repetitions)`,
    );
    data[kind] = { orders, ...outcome };
    const table = storeRows(kind, outcome, scale);
    rows.push(...table.rows);
    series.push(...table.series);
  }
  const repetitionSeries: RepetitionSeries[] = [
    {
      title: `Stores: ingest rows/s per repetition (${scale.storeRepetitions} each; bar = median)`,
      axisLabel: 'rows/s (longer is better)',
      logScale: true,
      series,
    },
  ];
  return {
    id: 'stores',
    title: `6. Stores: embedkit beside each engine's own client (up to ${formatNumber(Math.max(...Object.values(scale.storeRows)), 0)} precomputed ${dimensions}-dim vectors, cosine, ${scale.storeRepetitions} repetitions)`,
    columns,
    rows,
    targets: [],
    notes: [
      `Per store, one worker process runs ${scale.storeRepetitions} repetitions; in each, every client (embedkit's store, the engine's own Node client, for Milvus Lite also pymilvus in Python) ingests the same rows (id, a short text, metadata { row, group }, a seeded unit vector) into a fresh collection with the same dimension and metric, in batches of ${batchRows} rows (embedkit: \`addVectors\` per batch, with the store's insert batch set to ${batchRows} where it has one). The clients' order is shuffled in each repetition (seed ${seed}; set BENCH_SEED to repeat it): ${orderNotes.join(' | ')}. Before each inserter the bench waits for the engine to be idle (Milvus Lite: its process below 10% of a core over 250 ms, at most ${scale.storeIdleWaitMaxMs / 1000} s), so no inserter pays for the previous one's sealing and indexing. "rows/s (median)" and "range" are over the repetitions; the "embedkit ÷" rows divide the medians.`,
      `Rows per store, the same for every client and repetition: ${chosen.map((kind) => `${kind} ${formatNumber(scale.storeRows[kind], 0)}`).join(', ')} (a safety cap stops an ingest after ${scale.storeIngestCapMs / 1000} s on a machine far slower than planned, and its result says so). Not timed: building rows, creating collections, the flush before searching.`,
      `Searches (last repetition): top ${topK} of seeded unit query vectors, ${scale.storeQueries} per level (${scale.storeBruteForceQueries} on the brute-force stores: ${[...bruteForce].join(', ')}) after 4 warm-up queries, at 1 and 8 in flight; each client searches the collection it just filled (the same rows through the same kind of index), returning id, text, metadata and score. embedkit: \`searchByVector\`.`,
      'Raw clients: ' +
        Object.entries(rawClients)
          .filter(([kind]) => chosen.includes(kind as BenchStoreKind))
          .map(([kind, client]) => `${kind} — ${client}`)
          .join('; ') +
        (chosen.includes('milvus-lite')
          ? `; milvus-lite also — ${pymilvusLabel}, one \`upsert\` per batch into a collection with embedkit's fields (VarChar id, float vector AUTOINDEX/COSINE, VarChar text, JSON metadata, Strong consistency), searches from 1 or 8 threads on one client`
          : '') +
        '. What each does is in apps/bench/src/stores/raw-*-client.ts and apps/bench/python/milvus_store_client.py.',
      `The "embedkit ÷" rows: rows/s above 1× means embedkit ingests faster; latency above 1× means embedkit is slower. The Node clients share one worker process per store (whoever runs later meets warmed-up modules, which the shuffled order spreads over the clients); pymilvus runs in its own Python processes.`,
      `Engines: ${engineNotes.join('; ')}. ${scale.quick ? 'Quick run: engines start while the first stores are measured.' : 'All engines are started (and idle) before the first store is measured.'}`,
    ],
    data: { seed, repetitions: scale.storeRepetitions, stores: data, repetitionSeries },
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

/** The order seed: BENCH_SEED when set (to repeat a run's orders), otherwise the clock. */
function orderSeed(): number {
  const asked = Number(process.env.BENCH_SEED);
  return Number.isInteger(asked) && asked > 0 ? asked : Date.now() % 1_000_000;
}

/** A seeded Fisher–Yates shuffle. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

function failedEverywhere(
  kind: BenchStoreKind,
  scale: BenchScale,
  error: string,
): StoreBenchOutcome {
  return {
    ingests: Array.from({ length: scale.storeRepetitions }, (_, index) =>
      clientsOf(kind).map((client) => ({ client, repetition: index + 1, error })),
    ).flat(),
    searches: clientsOf(kind).map((client) => ({ client, error })),
  };
}

function storeRows(
  kind: BenchStoreKind,
  outcome: StoreBenchOutcome,
  scale: BenchScale,
): { rows: Record<string, Cell>[]; series: RepetitionSeries['series'][number][] } {
  const names: Record<BenchClient, string> = {
    embedkit: 'embedkit',
    raw: rawClients[kind],
    pymilvus: pymilvusLabel,
  };
  const label = (client: BenchClient) => `${names[client]} (${kind})`;
  const medians = new Map<BenchClient, number>();
  const searched = new Map<BenchClient, StoreSearchMeasurement>();
  const series: RepetitionSeries['series'][number][] = [];
  const rows = clientsOf(kind).map((client): Record<string, Cell> => {
    const ingests = outcome.ingests.filter((entry) => entry.client === client);
    const measured = ingests.flatMap((entry) => ('ingest' in entry ? [entry.ingest] : []));
    const errors = ingests.flatMap((entry) => ('error' in entry ? [entry.error] : []));
    const search = outcome.searches.find((entry) => entry.client === client);
    const rates = measured.map(rate);
    series.push({ name: label(client), values: rates });
    const problems = [
      ...(errors.length > 0
        ? [`${errors.length} of ${ingests.length} ingests failed: ${errors[0]}`]
        : []),
      ...(measured.some((entry) => entry.capped)
        ? [`an ingest stopped at the ${scale.storeIngestCapMs / 1000}-s safety cap`]
        : []),
      ...(search === undefined || 'error' in search
        ? [`search failed: ${search && 'error' in search ? search.error : 'not run'}`]
        : search.search.firstHits === 0
          ? ['failed: the search returned no hits']
          : []),
    ];
    if (search !== undefined && 'search' in search) searched.set(client, search.search);
    if (rates.length === 0) return { client: label(client), result: problems.join('; ') };
    medians.set(client, median(rates));
    const stored = [...new Set(measured.map((entry) => entry.rowsStored))];
    return {
      client: label(client),
      rows: stored.map((count) => formatNumber(count, 0)).join('/'),
      'rows/s (median)': formatNumber(median(rates), 2),
      'rows/s range': `${formatNumber(Math.min(...rates), 0)}–${formatNumber(Math.max(...rates), 0)}`,
      searched: search && 'search' in search ? search.search.searchedRows : '—',
      ...(search && 'search' in search
        ? latencyCells(search.search.levels, (value) => formatNumber(value, 2))
        : {}),
      result: problems.length === 0 ? `completed ×${measured.length}` : problems.join('; '),
    };
  });
  const times = (value: number) => `${formatNumber(value, 2)}×`;
  const embedkitRate = medians.get('embedkit');
  const embedkitSearch = searched.get('embedkit');
  for (const client of clientsOf(kind)) {
    if (client === 'embedkit') continue;
    const theirRate = medians.get(client);
    const theirSearch = searched.get(client);
    if (embedkitRate === undefined || theirRate === undefined) continue;
    const short = client === 'pymilvus' ? 'pymilvus' : kind === 'milvus-lite' ? 'Node SDK' : 'raw';
    const ratioLevels =
      embedkitSearch && theirSearch
        ? embedkitSearch.levels.map((level, index) => {
            const theirs = theirSearch.levels[index]!;
            return { ...level, p50: level.p50 / theirs.p50, p95: level.p95 / theirs.p95 };
          })
        : [];
    rows.push({
      client: `embedkit ÷ ${short} (${kind})`,
      'rows/s (median)': times(embedkitRate / theirRate),
      ...latencyCells(ratioLevels, times),
      result: '',
    });
  }
  return { rows, series };
}

function rate(measurement: StoreIngestMeasurement): number {
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
