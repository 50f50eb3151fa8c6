import { createJina } from '@embedkit/jina';
import { createMilvusStore } from '@embedkit/milvus';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
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
  /** Timed searches per client and concurrency level. */
  readonly queriesPerLevel: number;
  /** Timed query encodes on the simulator per concurrency level. */
  readonly encodesPerLevel: number;
  readonly levels: readonly number[];
}

/** Who searched, and how fast at each level. */
export interface QueryLatencyClient {
  readonly client: 'embedkit' | 'sdk' | 'encode';
  readonly levels: LevelLatency[];
}

export interface QueryLatencyMeasurement {
  readonly clients: QueryLatencyClient[];
  /** Seconds spent waiting for Milvus Lite's index build before timing (not timed). */
  readonly indexWaitSeconds: number;
}

/**
 * Child-process entry for the query-latency scenario. Fills a collection with precomputed rows,
 * flushes it and waits for the server's index build (none of it timed), encodes the queries on
 * the simulator, then times, at each concurrency level, embedkit's `store.searchByVector` and
 * the raw SDK's `client.search` with the same query vectors on the same collection, and the
 * query encode alone (`encodeQueries([query])` on the simulator), so the simulated encode
 * delay is reported apart from the search.
 */
serveChild<QueryLatencyTask, QueryLatencyMeasurement>(async (task) => {
  const embedding = createJina(
    { baseURL: `${task.simulatorUrl}/v1`, dimensions: 1024 },
    { apiKey: task.apiKey },
  );
  const collection = 'bench_queries';
  const store = createMilvusStore({
    embedding,
    address: task.address,
    collection,
    fullText: false,
  });
  const { texts, vectors } = precomputedRows(task.rows);
  await store.addVectors(texts.map((text, index) => ({ text, vector: vectors[index]! })));
  // Seal the rows so the server indexes them, and let the index build finish: otherwise every
  // search is a brute-force scan (Milvus Lite) and the figures time the build, not the queries.
  await store.flush();
  const waited = await waitForIdleProcess(task.milvusPid);
  const queries = syntheticCorpus({
    documents: task.queriesPerLevel,
    minTokens: 5,
    maxTokens: 30,
    seed: 55,
  }).texts;
  const queryVectors = await embedding.encodeQueries(queries);
  const sdk = new MilvusClient({ address: task.address, timeout: 60_000 });
  // The request embedkit's store sends: top 10 with id, text and metadata, Strong consistency.
  const sdkSearch = async (vector: Float32Array) => {
    const response = await sdk.search({
      collection_name: collection,
      data: [Array.from(vector)],
      limit: 10,
      output_fields: ['id', 'text', 'metadata'],
      consistency_level: 'Strong' as never,
    });
    if (response.status.error_code !== 'Success') {
      throw new Error(`search failed: ${response.status.reason}`);
    }
    return response.results;
  };
  const embedkitSearch = (vector: Float32Array) => store.searchByVector(vector, { topK: 10 });
  // Warm both clients' connections and the server's caches before timing.
  for (const vector of queryVectors.slice(0, 5)) {
    await embedkitSearch(vector);
    await sdkSearch(vector);
  }
  const searched = { embedkit: [] as LevelLatency[], sdk: [] as LevelLatency[] };
  const encoded: LevelLatency[] = [];
  for (const [index, concurrency] of task.levels.entries()) {
    // Alternate which client goes first, so neither always follows the other's leftovers.
    const order = index % 2 === 0 ? (['embedkit', 'sdk'] as const) : (['sdk', 'embedkit'] as const);
    for (const client of order) {
      const search = client === 'embedkit' ? embedkitSearch : sdkSearch;
      searched[client].push(await measureLatency(queryVectors, concurrency, search));
    }
    encoded.push(
      await measureLatency(queries.slice(0, task.encodesPerLevel), concurrency, (query) =>
        embedding.encodeQueries([query]),
      ),
    );
  }
  await sdk.closeConnection();
  await store.close();
  return {
    clients: [
      { client: 'embedkit', levels: searched.embedkit },
      { client: 'sdk', levels: searched.sdk },
      { client: 'encode', levels: encoded },
    ],
    indexWaitSeconds: waited / 1000,
  };
});
