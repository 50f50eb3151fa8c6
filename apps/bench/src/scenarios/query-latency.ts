import { runChild } from '../harness/child-process.js';
import type { LevelLatency } from '../harness/latency-percentiles.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { startBenchMilvus } from '../milvus/bench-milvus.js';
import type { QueryLatencyTask } from '../milvus/query-latency-worker.js';
import { formatNumber } from '../report-table.js';
import { ingestService } from '../simulator/ingest-service-config.js';
import { startSimulatorProcess } from '../simulator/simulator-handle.js';

/**
 * Scenario 5: end-to-end query latency of embedkit (`store.search(text)`: encode on the Jina
 * simulator, then search Milvus Lite) at 1, 8 and 32 concurrent queries.
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
  let levels: LevelLatency[] = [];
  let problem: string | undefined;
  try {
    const outcome = await runChild<QueryLatencyTask, LevelLatency[]>(
      'milvus/query-latency-worker.js',
      {
        address: milvus.address,
        milvusPid: milvus.pid,
        simulatorUrl: simulator.url,
        apiKey: simulator.apiKey,
        rows,
        queriesPerLevel: scale.queriesPerLevel,
        levels: [1, 8, 32],
      },
      { timeoutMs: 480_000 },
    );
    if (outcome.kind === 'ok') levels = outcome.result;
    else problem = outcome.kind === 'failed' ? outcome.error : 'timed out';
    log(`query: ${outcome.kind}`);
  } finally {
    await simulator.close();
    await milvus.stop();
  }
  const tableRows = levels.map(
    (level): Record<string, Cell> => ({
      concurrent: level.concurrency,
      queries: level.queries,
      'p50 ms': level.p50,
      'p95 ms': level.p95,
      'p99 ms': level.p99,
      'queries/s': level.queriesPerSecond,
    }),
  );
  return {
    id: 'query-latency',
    title: `5. Query latency (embedkit encode + search, ${formatNumber(rows, 0)}-row collection)`,
    columns: ['concurrent', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'queries/s'],
    rows: problem ? [{ concurrent: '—', queries: `failed: ${problem}` }] : tableRows,
    targets: [],
    notes: [
      `Each query is one \`store.search(text, { topK: 10 })\`: encodeQueries on the Jina simulator (latency ${formatNumber((ingestService.fixedLatencyMs * ingestService.timeScale) as number, 0)} ms + ${formatNumber(ingestService.perTokenLatencyMs * ingestService.timeScale, 3)} ms/token, no rate limits) then a dense search on Milvus Lite (AUTOINDEX, COSINE, Strong consistency, the store's defaults), in one Node process. Before timing, the collection is flushed (\`store.flush()\`) and the bench waits until Milvus Lite has finished building its index (its process idle); unflushed rows are searched by brute force, about 3 s per query at this size.`,
    ],
    data: { rows, levels },
  };
}
