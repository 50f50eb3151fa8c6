import { ChromaClient, type Collection } from 'chromadb';
import type { ClientTarget, StoreBenchClient } from './store-bench-task.js';

/**
 * Chroma through the `chromadb` JS client: a collection with the cosine HNSW space and no
 * embedding function, one `upsert` per batch (ids, embeddings, documents, metadatas), `query`
 * with `queryEmbeddings` on embedkit's collection.
 */
export async function rawChromaClient(task: ClientTarget): Promise<StoreBenchClient> {
  const url = new URL(task.engine.address!);
  const client = new ChromaClient({ host: url.hostname, port: Number(url.port), ssl: false });
  let ingest: Collection | undefined;
  let searched: Collection | undefined;
  return {
    prepare: async () => {
      ingest = await client.createCollection({
        name: task.ingestCollection,
        embeddingFunction: null,
        configuration: { hnsw: { space: 'cosine' } },
      });
    },
    insert: async (rows) => {
      await ingest!.upsert({
        ids: rows.map((row) => row.id),
        embeddings: rows.map((row) => Array.from(row.vector)),
        documents: rows.map((row) => row.text),
        metadatas: rows.map((row) => ({ ...row.metadata })),
      });
    },
    beforeSearch: async () => {
      searched = await client.getCollection({
        name: task.searchCollection,
        embeddingFunction: null as never,
      });
    },
    search: async (vector, topK) => {
      const result = await searched!.query({
        queryEmbeddings: [Array.from(vector)],
        nResults: topK,
        include: ['documents', 'metadatas', 'distances'] as never,
      });
      return result.ids[0] ?? [];
    },
    countSearched: () => searched!.count(),
    close: async () => {},
  };
}
