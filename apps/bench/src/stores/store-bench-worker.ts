import { createSeededRandom } from '@embedkit/testing/seeded-random';
import { describeError, serveChild } from '../harness/child-process.js';
import { type LevelLatency, measureLatency } from '../harness/latency-percentiles.js';
import { waitForIdleProcess } from '../harness/wait-for-idle-process.js';
import { precomputedRows } from '../milvus/precomputed-rows.js';
import { embedkitStoreClient } from './embedkit-store-client.js';
import { measurePymilvus, type PymilvusRun } from './pymilvus-store-client.js';
import {
  type BenchRow,
  type ClientTarget,
  type StoreBenchClient,
  type StoreBenchMeasurement,
  type StoreBenchOutcome,
  type StoreBenchTask,
  type StoreIngestOutcome,
  type StoreSearchOutcome,
  searchIdleWaitMaxMs,
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
 * Child-process entry of the stores scenario: every client of one store, repeated. First
 * embedkit creates an empty template collection (PostgreSQL's raw table is `LIKE` it). Then, in
 * each repetition and in that repetition's order, each client waits for the engine to be idle
 * (Milvus Lite: its process' CPU, so the previous inserter's sealing and indexing is over),
 * creates a fresh collection (not timed) and times batches of upserts of the same `task.rows`
 * rows. In the last repetition each client then readies its own collection (not timed; Milvus:
 * flush, then wait for the index build) and times `topK` searches at each concurrency level.
 */
serveChild<StoreBenchTask, StoreBenchOutcome>(async (task) => {
  const { texts, vectors } = precomputedRows(task.rows, task.dimensions);
  const rows: BenchRow[] = texts.map((text, index) => ({
    id: `row-${index}`,
    text,
    vector: vectors[index]!,
    metadata: { row: index, group: `g${index % 10}` },
  }));
  const queries = queryVectors(task.queries, task.dimensions);
  const templateCollection = `${task.collectionPrefix}_template`;
  const template = await embedkitStoreClient(targetFor(task, templateCollection));
  try {
    await template.prepare();
  } finally {
    await template.close();
  }
  const ingests: StoreIngestOutcome[] = [];
  const searches: StoreSearchOutcome[] = [];
  for (const [repetition, order] of task.orders.entries()) {
    const last = repetition === task.orders.length - 1;
    for (const client of order) {
      const idleWaitMs =
        task.engine.serverPid === undefined
          ? 0
          : await waitForIdleProcess(task.engine.serverPid, {
              maxMs: task.idleWaitMaxMs,
              windowMs: 250,
            });
      const target = {
        ...targetFor(task, `${task.collectionPrefix}_${client}_${repetition + 1}`),
        templateCollection,
      };
      try {
        const measurement =
          client === 'pymilvus'
            ? await measurePymilvus(pymilvusRun(task, target, last), rows, queries)
            : await measureClient(
                client === 'embedkit' ? await embedkitStoreClient(target) : await rawClient(target),
                task,
                rows,
                last ? queries : undefined,
              );
        const { search, ...ingest } = measurement;
        ingests.push({ client, repetition: repetition + 1, ingest, idleWaitMs });
        if (search !== undefined) searches.push({ client, search });
      } catch (error) {
        ingests.push({ client, repetition: repetition + 1, error: describeError(error) });
        if (last) searches.push({ client, error: describeError(error) });
      }
    }
  }
  return { ingests, searches };
});

function targetFor(task: StoreBenchTask, collection: string): ClientTarget {
  return {
    kind: task.kind,
    engine: task.engine,
    dimensions: task.dimensions,
    batchRows: task.batchRows,
    ingestCollection: collection,
    searchCollection: collection,
  };
}

function pymilvusRun(task: StoreBenchTask, target: ClientTarget, search: boolean): PymilvusRun {
  if (task.python === undefined || target.engine.address === undefined) {
    throw new Error('The pymilvus client needs the Python interpreter and a Milvus address.');
  }
  return {
    python: task.python,
    address: target.engine.address,
    serverPid: target.engine.serverPid,
    ingestCollection: target.ingestCollection,
    search,
    dimensions: task.dimensions,
    batchRows: task.batchRows,
    topK: task.topK,
    levels: task.levels,
  };
}

async function measureClient(
  client: StoreBenchClient,
  task: StoreBenchTask,
  rows: readonly BenchRow[],
  queries: readonly Float32Array[] | undefined,
): Promise<StoreBenchMeasurement> {
  try {
    await client.prepare();
    const started = performance.now();
    let stored = 0;
    while (stored < rows.length && performance.now() - started < task.ingestCapMs) {
      const batch = rows.slice(stored, stored + task.batchRows);
      await client.insert(batch);
      stored += batch.length;
    }
    const ingest = {
      rowsStored: stored,
      ingestMs: performance.now() - started,
      capped: stored < rows.length,
    };
    if (queries === undefined) return ingest;
    await client.beforeSearch?.();
    if (task.engine.serverPid !== undefined) {
      await waitForIdleProcess(task.engine.serverPid, {
        maxMs: searchIdleWaitMaxMs,
        windowMs: 250,
      });
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
      ...ingest,
      search: { searchedRows: await client.countSearched(), firstHits: first.length, levels },
    };
  } finally {
    await client.close();
  }
}
