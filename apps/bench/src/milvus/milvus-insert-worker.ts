import { createJina } from '@embedkit/jina';
import { createMilvusStore } from '@embedkit/milvus';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { serveChild } from '../harness/child-process.js';
import { milvusIngestRows } from './milvus-ingest-rows.js';

/** Which inserter, on which server, into which collection. */
export interface MilvusInsertTask {
  readonly inserter: 'embedkit' | 'embedkit-sdk';
  readonly address: string;
  readonly collection: string;
  readonly rows: number;
}

export interface MilvusInsertMeasurement {
  /** Rows the inserter was given (all of them are sent; no time cap). */
  readonly rows: number;
  /** The insert calls only: collection creation and row building are not timed. */
  readonly wallMs: number;
  /** What the collection counts afterwards (Strong consistency). */
  readonly counted: number;
}

/**
 * Child-process entry for the Milvus ingest scenario: builds the rows (not timed), creates the
 * collection (not timed), then times the inserts until the library
 * returns, and counts what the collection holds.
 */
serveChild<MilvusInsertTask, MilvusInsertMeasurement>(async (task) => {
  const rows = milvusIngestRows(task.rows);
  const client = new MilvusClient({ address: task.address, timeout: 600_000 });
  const store = createMilvusStore({
    embedding: createJina({ dimensions: 1024 }, { apiKey: 'jina_unused' }),
    client,
    collection: task.collection,
    fullText: false,
    writePath: task.inserter === 'embedkit-sdk' ? 'sdk' : 'direct',
  });
  await store.ensureCollection();
  const documents = rows.map(({ id, text, vector, metadata }) => ({ id, text, vector, metadata }));
  const started = performance.now();
  // One call: the store splits it into upserts of ≤1,000 rows / ≤16 MiB, sent one at a time.
  await store.addVectors(documents);
  const wallMs = performance.now() - started;
  const counted = await client
    .count({ collection_name: task.collection })
    .then((result) => Number(result.data))
    .catch(() => Number.NaN);
  await client.closeConnection();
  return { rows: rows.length, wallMs, counted };
});
