import type { VectorStore } from '@embedkit/core';
import { createHashingEmbedding, createStoreRegistry, memoryStore } from '@embedkit/core';
import type { ClientTarget, StoreBenchClient } from './store-bench-task.js';

/**
 * embedkit's store for the task's kind, with its defaults except where the batch size must
 * match the raw client's: `addVectors` per batch, `searchByVector` with `topK`. The embedding
 * function is never called (vectors are precomputed); it records the 384-dim space.
 */
export async function embedkitStoreClient(task: ClientTarget): Promise<StoreBenchClient> {
  const store = await createStore(task);
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

/** Imports only the task's store package: each worker loads one engine, not all five. */
async function createStore(task: ClientTarget): Promise<VectorStore> {
  const embedding = createHashingEmbedding({ dimensions: task.dimensions });
  const collection = task.ingestCollection;
  const { address, path } = task.engine;
  switch (task.kind) {
    case 'memory':
      return createStoreRegistry([memoryStore]).fromConfig(
        { kind: 'memory', collection },
        { embedding },
      );
    case 'milvus-lite': {
      const { createMilvusStore } = await import('@embedkit/milvus');
      // Dense only, like the raw collection; one upsert per batch.
      return createMilvusStore({
        embedding,
        address: address!,
        collection,
        fullText: false,
        insertBatchRows: task.batchRows,
      });
    }
    case 'pglite': {
      const { createPgvectorStore } = await import('@embedkit/pgvector');
      return createPgvectorStore({
        embedding,
        path: path!,
        collection,
        insertBatchRows: task.batchRows,
      });
    }
    case 'postgres': {
      const { createPgvectorStore } = await import('@embedkit/pgvector');
      return createPgvectorStore({
        embedding,
        connectionString: address!,
        collection,
        insertBatchRows: task.batchRows,
      });
    }
    case 'chroma': {
      const { createChromaStore } = await import('@embedkit/chroma');
      return createChromaStore({ embedding, url: address!, collection });
    }
    case 'lancedb': {
      const { createLanceDbStore } = await import('@embedkit/lancedb');
      return createLanceDbStore({ embedding, uri: path!, collection });
    }
    case 'sqlite-vec': {
      const { createSqliteVecStore } = await import('@embedkit/sqlite-vec');
      return createSqliteVecStore({ embedding, path: path!, collection });
    }
  }
}
