import { DataType, MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { ClientTarget, StoreBenchClient } from './store-bench-task.js';

/**
 * Milvus Lite through `@zilliz/milvus2-sdk-node`: a collection with the fields embedkit's
 * dense-only schema has (VarChar id, 384-dim float vector with AUTOINDEX/COSINE, text, JSON
 * metadata), one `upsert` per batch, `search` with Strong consistency as embedkit's store does.
 */
export async function rawMilvusClient(task: ClientTarget): Promise<StoreBenchClient> {
  const client = new MilvusClient({ address: task.engine.address!, timeout: 120_000 });
  const check = (status: { error_code: string | number; reason: string }, action: string) => {
    if (status.error_code !== 'Success' && status.error_code !== 0) {
      throw new Error(`${action} failed: ${status.reason}`);
    }
  };
  return {
    prepare: async () => {
      check(
        await client.createCollection({
          collection_name: task.ingestCollection,
          fields: [
            { name: 'id', data_type: DataType.VarChar, is_primary_key: true, max_length: 512 },
            { name: 'vector', data_type: DataType.FloatVector, dim: task.dimensions },
            { name: 'text', data_type: DataType.VarChar, max_length: 65_535 },
            { name: 'metadata', data_type: DataType.JSON },
          ],
          index_params: [{ field_name: 'vector', index_type: 'AUTOINDEX', metric_type: 'COSINE' }],
        }),
        'createCollection',
      );
      check(
        await client.loadCollection({ collection_name: task.ingestCollection }),
        'loadCollection',
      );
    },
    insert: async (rows) => {
      const response = await client.upsert({
        collection_name: task.ingestCollection,
        data: rows.map((row) => ({
          id: row.id,
          vector: Array.from(row.vector),
          text: row.text,
          metadata: row.metadata,
        })),
      });
      check(response.status, 'upsert');
    },
    beforeSearch: async () => {
      // Seal what was upserted, as embedkit's store.flush() does, so the index serves the search.
      check(
        (await client.flushSync({ collection_names: [task.searchCollection] })).status,
        'flush',
      );
    },
    search: async (vector, topK) => {
      const response = await client.search({
        collection_name: task.searchCollection,
        data: [Array.from(vector)],
        limit: topK,
        output_fields: ['text', 'metadata'],
        consistency_level: 'Strong' as never,
      });
      check(response.status, 'search');
      return response.results;
    },
    countSearched: async () =>
      Number((await client.count({ collection_name: task.searchCollection })).data),
    close: () => client.closeConnection().then(() => {}),
  };
}
