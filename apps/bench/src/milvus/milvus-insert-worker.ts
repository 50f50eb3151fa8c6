import { createJina } from '@embedkit/jina';
import { createMilvusStore } from '@embedkit/milvus';
import { Embeddings } from '@langchain/core/embeddings';
import { DataType, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { serveChild } from '../harness/child-process.js';
import { precomputedRows } from './precomputed-rows.js';

/** Which inserter, on which server, into which collection. */
export interface MilvusInsertTask {
  readonly inserter: 'embedkit' | 'langchain' | 'sdk-one-shot';
  readonly address: string;
  readonly collection: string;
  readonly rows: number;
  /** No new chunk starts after this long (chunked inserters only). */
  readonly capMs: number;
}

export interface MilvusInsertMeasurement {
  /** Rows stored when the inserter stopped: all of them, unless it reached the time cap. */
  readonly rows: number;
  readonly capped: boolean;
  readonly wallMs: number;
  readonly counted: number;
}

/** LangChain needs an `Embeddings`; vectors here are precomputed, so it is never called. */
class PrecomputedOnly extends Embeddings {
  embedDocuments(): Promise<number[][]> {
    throw new Error('Vectors are precomputed in this benchmark.');
  }
  embedQuery(): Promise<number[]> {
    throw new Error('Vectors are precomputed in this benchmark.');
  }
}

/**
 * Rows per `addVectors` call of the chunked inserters (embedkit, LangChain; pymilvus uses the
 * same in Python). LangChain's store has no batching option, so its callers chunk anyway; the
 * time cap is checked between chunks.
 */
export const chunkRows = 10_000;

/**
 * Inserts `rows` rows chunk by chunk, timed, starting no chunk after `capMs`. Returns the
 * rows stored and the time taken.
 */
async function insertInChunks(
  rows: number,
  capMs: number,
  insert: (start: number, end: number) => Promise<unknown>,
): Promise<{ stored: number; wallMs: number }> {
  const started = performance.now();
  let stored = rows;
  for (let start = 0; start < rows; start += chunkRows) {
    if (performance.now() - started > capMs) {
      stored = start;
      break;
    }
    await insert(start, Math.min(rows, start + chunkRows));
  }
  return { stored, wallMs: performance.now() - started };
}

/**
 * Child-process entry for scenario 4: builds the rows (not timed), creates the collection (not
 * timed where the library allows it), then times the inserts until the library returns.
 */
serveChild<MilvusInsertTask, MilvusInsertMeasurement>(async (task) => {
  const { texts, vectors } = precomputedRows(task.rows);
  const client = new MilvusClient({ address: task.address, timeout: 600_000 });
  let wallMs: number;
  let stored = task.rows;
  if (task.inserter === 'embedkit') {
    const embedding = createJina({ dimensions: 1024 }, { apiKey: 'jina_unused' });
    const store = createMilvusStore({
      embedding,
      client,
      collection: task.collection,
      fullText: false,
    });
    await store.ensureCollection();
    const documents = texts.map((text, index) => ({ text, vector: vectors[index]! }));
    // Chunked like the other inserters, so every rate covers the same stretch of the run.
    ({ stored, wallMs } = await insertInChunks(task.rows, task.capMs, (start, end) =>
      store.addVectors(documents.slice(start, end)),
    ));
  } else if (task.inserter === 'langchain') {
    const { Milvus } = await import('@langchain/community/vectorstores/milvus');
    const { Document } = await import('@langchain/core/documents');
    const embeddings = new PrecomputedOnly({});
    const store = new Milvus(embeddings, {
      collectionName: task.collection,
      clientConfig: { address: task.address },
      // Otherwise the text field's max_length is frozen from the first chunk's longest text.
      textFieldMaxLength: 65_535,
    });
    ({ stored, wallMs } = await insertInChunks(task.rows, task.capMs, (start, end) =>
      store.addVectors(
        vectors.slice(start, end).map((vector) => Array.from(vector)),
        texts.slice(start, end).map((text) => new Document({ pageContent: text, metadata: {} })),
      ),
    ));
  } else {
    await client.createCollection({
      collection_name: task.collection,
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true, autoID: true },
        { name: 'vector', data_type: DataType.FloatVector, dim: 1024 },
        { name: 'text', data_type: DataType.VarChar, max_length: 65_535 },
      ],
      index_params: [{ field_name: 'vector', index_type: 'AUTOINDEX', metric_type: 'COSINE' }],
    });
    const data = texts.map((text, index) => ({ text, vector: Array.from(vectors[index]!) }));
    const started = performance.now();
    const response = await client.insert({ collection_name: task.collection, data });
    wallMs = performance.now() - started;
    if (response.status.error_code !== 'Success') {
      throw new Error(`insert failed: ${response.status.reason}`);
    }
  }
  const counted = await client
    .count({ collection_name: task.collection })
    .then((result) => Number(result.data))
    .catch(() => Number.NaN);
  await client.closeConnection();
  return { rows: stored, capped: stored < task.rows, wallMs, counted };
});
