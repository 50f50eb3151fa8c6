import { createJina } from '@embedkit/jina';
import { createMilvusStore } from '@embedkit/milvus';
import { serveChild } from '../harness/child-process.js';
import { waitForIdleProcess } from '../harness/wait-for-idle-process.js';
import { syntheticCorpus } from '../synthetic-corpus.js';
import { precomputedRows } from './precomputed-rows.js';

export interface QueryLatencyTask {
  readonly address: string;
  /** Milvus Lite's process, watched until its background index build is done. */
  readonly milvusPid: number;
  readonly simulatorUrl: string;
  readonly apiKey: string;
  readonly rows: number;
  readonly queriesPerLevel: number;
  readonly levels: readonly number[];
}

/** Latency percentiles of one concurrency level, in milliseconds. */
export interface LevelLatency {
  readonly concurrency: number;
  readonly queries: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly queriesPerSecond: number;
}

const percentile = (sorted: number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;

/**
 * Child-process entry for scenario 5: fills a collection with precomputed rows, flushes it and
 * waits for the server's index build (none of it timed), then times `store.search(text)` — encode the query on the simulator, search Milvus Lite —
 * with 1, 8 and 32 queries in flight.
 */
serveChild<QueryLatencyTask, LevelLatency[]>(async (task) => {
  const embedding = createJina(
    { baseURL: `${task.simulatorUrl}/v1`, dimensions: 1024 },
    { apiKey: task.apiKey },
  );
  const store = createMilvusStore({
    embedding,
    address: task.address,
    collection: `bench_queries_${Date.now()}`,
    fullText: false,
  });
  const { texts, vectors } = precomputedRows(task.rows);
  await store.addVectors(texts.map((text, index) => ({ text, vector: vectors[index]! })));
  // Seal the rows so the server indexes them, and let the index build finish: otherwise every
  // search is a brute-force scan (Milvus Lite) and the figures time the build, not the queries.
  await store.flush();
  await waitForIdleProcess(task.milvusPid);
  const queries = syntheticCorpus({
    documents: task.queriesPerLevel,
    minTokens: 5,
    maxTokens: 30,
    seed: 55,
  }).texts;
  await store.search(queries[0]!, { topK: 10 });
  const levels: LevelLatency[] = [];
  for (const concurrency of task.levels) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const lane = async () => {
      while (next < queries.length) {
        const query = queries[next++]!;
        const begun = performance.now();
        await store.search(query, { topK: 10 });
        latencies.push(performance.now() - begun);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    const elapsed = performance.now() - started;
    latencies.sort((left, right) => left - right);
    levels.push({
      concurrency,
      queries: latencies.length,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      queriesPerSecond: latencies.length / (elapsed / 1000),
    });
  }
  await store.close();
  return levels;
});
