import { createHashingEmbedding, createStoreRegistry, memoryStore } from '@embedkit/core';
import type { VectorStore } from '@embedkit/core';
import { createChromaStore } from '@embedkit/chroma';
import { createLanceDbStore } from '@embedkit/lancedb';
import { createMilvusStore } from '@embedkit/milvus';
import { createPgvectorStore } from '@embedkit/pgvector';
import { createSqliteVecStore } from '@embedkit/sqlite-vec';
import type { ClientTarget, StoreBenchClient } from './store-bench-task.js';

/**
 * embedkit's store for the task's kind, with its defaults except where the batch size must
 * match the raw client's: `addVectors` per batch, `searchByVector` with `topK`. The embedding
 * function is never called (vectors are precomputed); it records the 384-dim space.
 */
export function embedkitStoreClient(task: ClientTarget): StoreBenchClient {
  const store = createStore(task);
  return {
    prepare: async () => {
      await store.ensureCollection();
    },
    insert: async (rows) => {
      await store.addVectors(rows);
    },
    beforeSearch: async () => {
      await store.flush?.();
    },
    search: (vector, topK) => store.searchByVector(vector, { topK }),
    countSearched: () => store.count(),
    close: () => store.close(),
  };
}

function createStore(task: ClientTarget): VectorStore {
  const embedding = createHashingEmbedding({ dimensions: task.dimensions });
  const collection = task.ingestCollection;
  const { address, path } = task.engine;
  switch (task.kind) {
    case 'memory':
      return createStoreRegistry([memoryStore]).fromConfig(
        { kind: 'memory', collection },
        { embedding },
      );
    case 'milvus-lite':
      // Dense only, like the raw collection; one upsert per batch.
      return createMilvusStore({
        embedding,
        address: address!,
        collection,
        fullText: false,
        insertBatchRows: task.batchRows,
      });
    case 'pglite':
      return createPgvectorStore({
        embedding,
        path: path!,
        collection,
        insertBatchRows: task.batchRows,
      });
    case 'postgres':
      return createPgvectorStore({
        embedding,
        connectionString: address!,
        collection,
        insertBatchRows: task.batchRows,
      });
    case 'chroma':
      return createChromaStore({ embedding, url: address!, collection });
    case 'lancedb':
      return createLanceDbStore({ embedding, uri: path!, collection });
    case 'sqlite-vec':
      return createSqliteVecStore({ embedding, path: path!, collection });
  }
}
