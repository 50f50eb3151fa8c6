import { createHashingEmbedding, EmbeddingSpaceMismatchError } from '@embedkit/core';
import {
  ConsistencyLevelEnum,
  DataType,
  FunctionType,
  MilvusClient,
} from '@zilliz/milvus2-sdk-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testStores, uniqueCollection } from './milvus-store.test-helpers.js';

describe('Milvus stored format', () => {
  const open = testStores();
  const client = new MilvusClient({ address: inject('milvusAddress') });
  afterAll(() => client.closeConnection());

  it('opens a collection written by the previous release (format 1) and keeps using it', async () => {
    const embedding = createHashingEmbedding({ dimensions: 64 });
    const collection = uniqueCollection('format_1');
    // The layout and properties exactly as release 0.x (store format "1") created them, spelled
    // out here rather than taken from the code, so a change of format cannot pass unnoticed.
    const created = await client.createCollection({
      collection_name: collection,
      description: `embedkit collection of hashing/${embedding.model} vectors (64 dims)`,
      fields: [
        {
          name: 'id',
          data_type: DataType.VarChar,
          is_primary_key: true,
          autoID: false,
          max_length: 512,
        },
        { name: 'vector', data_type: DataType.FloatVector, dim: 64 },
        { name: 'text', data_type: DataType.VarChar, max_length: 65_535, enable_analyzer: true },
        { name: 'sparse', data_type: DataType.SparseFloatVector },
        { name: 'metadata', data_type: DataType.JSON },
      ],
      functions: [
        {
          name: 'embedkit_text_bm25',
          type: FunctionType.BM25,
          input_field_names: ['text'],
          output_field_names: ['sparse'],
          params: {},
        },
      ],
      index_params: [
        { field_name: 'vector', index_type: 'AUTOINDEX', metric_type: 'COSINE', params: {} },
        { field_name: 'sparse', index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'BM25' },
      ],
      consistency_level: 'Strong',
      properties: {
        'embedkit.embedding': JSON.stringify(embedding.toConfig()),
        'embedkit.space': JSON.stringify(embedding.space),
        'embedkit.metric': 'cosine',
        'embedkit.format': '1',
      },
    });
    expect(created.error_code).toBe('Success');
    const texts = ['The red fox hunts mice at dawn.', 'Milvus is a vector database.'];
    const vectors = await embedding.encodeDocuments(texts);
    const inserted = await client.insert({
      collection_name: collection,
      data: texts.map((text, index) => ({
        id: `old-${index}`,
        text,
        vector: Array.from(vectors[index]!),
        metadata: { source: `${index}.md` },
      })),
    });
    expect(inserted.status.error_code).toBe('Success');

    const store = open({ embedding, collection });
    const info = await store.ensureCollection();
    expect(info).toMatchObject({ created: false, dim: 64, metric: 'cosine' });
    expect(info.space).toEqual(embedding.space);
    expect(await store.get(['old-1'])).toEqual([
      { id: 'old-1', text: texts[1], metadata: { source: '1.md' } },
    ]);
    const [hit] = await store.search(texts[0]!, { topK: 1 });
    expect(hit?.id).toBe('old-0');
    const [hybrid] = await store.hybridSearch('vector database', { topK: 1 });
    expect(hybrid?.id).toBe('old-1');
    await store.addDocuments([{ id: 'new', text: 'Written by this release.' }]);
    const rows = await client.query({
      collection_name: collection,
      filter: 'id != ""',
      output_fields: ['id'],
      consistency_level: ConsistencyLevelEnum.Strong,
    });
    expect(rows.data.map((row) => row.id).sort()).toEqual(['new', 'old-0', 'old-1']);

    // The record still decides: another embedding space is refused on the old collection.
    const other = open({
      embedding: createHashingEmbedding({ dimensions: 64, wordBigrams: false }),
      collection,
    });
    const error = await other.count().catch((caught: unknown) => caught);
    expect(EmbeddingSpaceMismatchError.isInstance(error)).toBe(true);
  });
});
