import { runChild } from '../harness/child-process.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { startBenchMilvus } from '../milvus/bench-milvus.js';
import type {
  QueryLatencyClient,
  QueryLatencyMeasurement,
  QueryLatencyTask,
} from '../milvus/query-latency-worker.js';
import { formatNumber } from '../report-table.js';
import { ingestService } from '../simulator/ingest-service-config.js';
import { startSimulatorProcess } from '../simulator/simulator-handle.js';

const clientLabels: Record<QueryLatencyClient['client'], string> = {
  embedkit: 'embedkit store.searchByVector',
  sdk: '@zilliz/milvus2-sdk-node client.search (raw)',
  encode: 'encode only: embedkit encodeQueries([query]) on the simulator',
};

/**
 * Scenario 5: query latency on Milvus Lite at 1, 8 and 32 queries in flight — embedkit's
 * `searchByVector` beside the raw SDK's `search` with the same vectors on the same collection,
 * and the simulated query encode apart (end to end, `store.search(text)` is one encode plus
 * one search).
 */
export async function queryLatency(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const rows = scale.queryRows;
  const milvus = await startBenchMilvus(python);
  const simulator = await startSimulatorProcess({
    latency: {
      fixedMs: ingestService.fixedLatencyMs,
      perTokenMs: ingestService.perTokenLatencyMs,
      timeScale: ingestService.timeScale,
    },
  });
  let measurement: QueryLatencyMeasurement | undefined;
  let problem: string | undefined;
  try {
    const outcome = await runChild<QueryLatencyTask, QueryLatencyMeasurement>(
      'milvus/query-latency-worker.js',
      {
        address: milvus.address,
        milvusPid: milvus.pid,
        simulatorUrl: simulator.url,
        apiKey: simulator.apiKey,
        rows,
        queriesPerLevel: scale.queriesPerLevel,
        encodesPerLevel: scale.queryEncodesPerLevel,
        levels: [1, 8, 32],
      },
      { timeoutMs: 480_000 },
    );
    if (outcome.kind === 'ok') measurement = outcome.result;
    else problem = outcome.kind === 'failed' ? outcome.error : 'timed out';
    log(`query: ${outcome.kind}`);
  } finally {
    await simulator.close();
    await milvus.discard();
  }
  const tableRows = (measurement?.clients ?? []).flatMap(({ client, levels }) =>
    levels.map(
      (level): Record<string, Cell> => ({
        client: clientLabels[client],
        concurrent: level.concurrency,
        queries: level.queries,
        'p50 ms': level.p50,
        'p95 ms': level.p95,
        'p99 ms': level.p99,
        'queries/s': level.queriesPerSecond,
      }),
    ),
  );
  const simulated = `${formatNumber(ingestService.fixedLatencyMs * ingestService.timeScale, 0)} ms + ${formatNumber(ingestService.perTokenLatencyMs * ingestService.timeScale, 3)} ms/token`;
  return {
    id: 'query-latency',
    title: `5. Query latency (Milvus Lite, ${formatNumber(rows, 0)}-row collection: embedkit and the raw SDK searching the same vectors; the simulated encode apart)`,
    columns: ['client', 'concurrent', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'queries/s'],
    rows: problem ? [{ client: 'embedkit', queries: `failed: ${problem}` }] : tableRows,
    targets: [],
    notes: [
      `Search rows: ${formatNumber(scale.queriesPerLevel, 0)} different query vectors per client and level (the synthetic queries encoded once on the simulator beforehand), top 10 with id, text and metadata, Strong consistency, AUTOINDEX/COSINE (the store's defaults); both clients in one Node process, each with its own connection, taking turns per level; five warm-up searches each first. Before timing, the collection is flushed and the bench waits until Milvus Lite has finished building its index (its process idle; ${formatNumber(measurement?.indexWaitSeconds ?? Number.NaN, 0)} s this run); unflushed rows are searched by brute force.`,
      `Encode rows: the first ${formatNumber(scale.queryEncodesPerLevel, 0)} queries, one \`encodeQueries([query])\` each on the Jina simulator (simulated latency ${simulated}, no rate limits): a simulated delay, not a measurement of a real service, so fewer samples; \`store.search(text)\` end to end is one encode plus one search at the same concurrency.`,
    ],
    data: { rows, ...measurement },
  };
}
