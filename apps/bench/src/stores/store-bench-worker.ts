import { createSeededRandom } from '@embedkit/testing/seeded-random';
import { describeError, serveChild } from '../harness/child-process.js';
import { type LevelLatency, measureLatency } from '../harness/latency-percentiles.js';
import { waitForIdleProcess } from '../harness/wait-for-idle-process.js';
import { precomputedRows } from '../milvus/precomputed-rows.js';
import { embedkitStoreClient } from './embedkit-store-client.js';
import { measurePymilvus, type PymilvusRun } from './pymilvus-store-client.js';
import type {
  BenchRow,
  ClientTarget,
  StoreBenchClient,
  StoreBenchMeasurement,
  StoreBenchOutcome,
  StoreBenchTask,
} from './store-bench-task.js';

/** The engine's own client, imported only for its store (each worker loads one engine). */
async function rawClient(task: ClientTarget): Promise<StoreBenchClient> {
  switch (task.kind) {
    case 'memory':
      return (await import('./raw-memory-client.js')).rawMemoryClient();
    case 'milvus-lite':
      return (await import('./raw-milvus-client.js')).rawMilvusClient(task);
    case 'pglite':
    case 'postgres':
      return (await import('./raw-postgres-client.js')).rawPostgresClient(task);
    case 'chroma':
      return (await import('./raw-chroma-client.js')).rawChromaClient(task);
    case 'lancedb':
      return (await import('./raw-lancedb-client.js')).rawLanceDbClient(task);
    case 'sqlite-vec':
      return (await import('./raw-sqlite-client.js')).rawSqliteClient(task);
  }
}

/** Seeded unit query vectors, none of them a stored row. */
function queryVectors(count: number, dimensions: number): Float32Array[] {
  const random = createSeededRandom(7_777);
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimensions }, () => random() * 2 - 1);
    const length = Math.hypot(...vector);
    return vector.map((value) => value / length);
  });
}

/**
 * Child-process entry of the stores scenario: every client of one store, embedkit first. Each
 * creates its collection (not timed) and times batches of upserts: embedkit of `task.rows`
 * rows (unless the safety cap stops it), every other client of exactly the rows embedkit
 * stored, so rows/s compares equal work. Then it readies the searched collection (not timed;
 * Milvus Lite: flush, then wait for its index build) and times `topK` searches at each
 * concurrency level on embedkit's collection.
 */
serveChild<StoreBenchTask, StoreBenchOutcome[]>(async (task) => {
  const { texts, vectors } = precomputedRows(task.rows, task.dimensions);
  const rows: BenchRow[] = texts.map((text, index) => ({
    id: `row-${index}`,
    text,
    vector: vectors[index]!,
    metadata: { row: index, group: `g${index % 10}` },
  }));
  const queries = queryVectors(task.queries, task.dimensions);
  const outcomes: StoreBenchOutcome[] = [];
  // Until embedkit has run: all rows under the cap (if embedkit fails, the others keep the cap).
  let work = { rows: rows as readonly BenchRow[], capMs: task.ingestCapMs };
  for (const client of task.clients) {
    const target: ClientTarget = {
      kind: task.kind,
      engine: task.engine,
      dimensions: task.dimensions,
      batchRows: task.batchRows,
      ingestCollection: task.collections[client]!,
      searchCollection: task.collections.embedkit!,
    };
    try {
      const measurement =
        client === 'pymilvus'
          ? await measurePymilvus(pymilvusRun(task, target), work.rows, queries)
          : await measureClient(
              client === 'embedkit' ? await embedkitStoreClient(target) : await rawClient(target),
              task,
              work,
              queries,
            );
      outcomes.push({ client, measurement });
      if (client === 'embedkit') {
        work = { rows: rows.slice(0, measurement.rowsStored), capMs: Number.POSITIVE_INFINITY };
      }
    } catch (error) {
      outcomes.push({ client, error: describeError(error) });
    }
  }
  return outcomes;
});

function pymilvusRun(task: StoreBenchTask, target: ClientTarget): PymilvusRun {
  if (task.python === undefined || target.engine.address === undefined) {
    throw new Error('The pymilvus client needs the Python interpreter and a Milvus address.');
  }
  return {
    python: task.python,
    address: target.engine.address,
    serverPid: target.engine.serverPid,
    ingestCollection: target.ingestCollection,
    searchCollection: target.searchCollection,
    dimensions: task.dimensions,
    batchRows: task.batchRows,
    topK: task.topK,
    levels: task.levels,
  };
}

async function measureClient(
  client: StoreBenchClient,
  task: StoreBenchTask,
  work: { readonly rows: readonly BenchRow[]; readonly capMs: number },
  queries: readonly Float32Array[],
): Promise<StoreBenchMeasurement> {
  const { rows, capMs } = work;
  try {
    await client.prepare();
    const started = performance.now();
    let stored = 0;
    while (stored < rows.length && performance.now() - started < capMs) {
      const batch = rows.slice(stored, stored + task.batchRows);
      await client.insert(batch);
      stored += batch.length;
    }
    const ingestMs = performance.now() - started;
    await client.beforeSearch?.();
    if (task.engine.serverPid !== undefined) {
      await waitForIdleProcess(task.engine.serverPid, { maxMs: 20_000 });
    }
    const first = await client.search(queries[0]!, task.topK);
    for (const query of queries.slice(1, 4)) await client.search(query, task.topK);
    const levels: LevelLatency[] = [];
    for (const concurrency of task.levels) {
      levels.push(
        await measureLatency(queries, concurrency, (query) => client.search(query, task.topK)),
      );
    }
    return {
      rowsStored: stored,
      ingestMs,
      capped: stored < rows.length,
      searchedRows: await client.countSearched(),
      firstHits: first.length,
      levels,
    };
  } finally {
    await client.close();
  }
}
