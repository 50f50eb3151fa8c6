import { createJina } from '@embedkit/jina';
import { createMilvusStore } from '@embedkit/milvus';
import { serveChild } from '../harness/child-process.js';
import { type LevelLatency, measureLatency } from '../harness/latency-percentiles.js';
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
    levels.push(
      await measureLatency(queries, concurrency, (query) => store.search(query, { topK: 10 })),
    );
  }
  await store.close();
  return levels;
});
