import { createHashingEmbedding, type DocumentInput } from '@embedkit/core';
import { ConsistencyLevelEnum, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { directUpsert } from './direct-upsert.js';
import { testStores } from './milvus-store.test-helpers.js';

const documents: DocumentInput[] = [
  { id: 'plain', text: 'A plain sentence.', metadata: { kind: 'a', rank: 1 } },
  { id: 'unicode', text: 'Grüße – 東京 🙂', metadata: { nested: { list: [1, 2] } } },
  { id: 'empty-metadata', text: 'No metadata here.' },
];

describe('direct upserts', () => {
  const open = testStores();
  const client = new MilvusClient({ address: inject('milvusAddress') });
  afterAll(() => client.closeConnection());

  /** Every stored field of the collection, vectors included, by id. */
  async function storedRows(collection: string) {
    const response = await client.query({
      collection_name: collection,
      filter: 'id != ""',
      output_fields: ['id', 'text', 'metadata', 'vector'],
      consistency_level: ConsistencyLevelEnum.Strong,
    });
    return Object.fromEntries(response.data.map((row) => [row.id, row]));
  }

  it('store exactly what the SDK path stores: text, metadata and every float', async () => {
    const embedding = createHashingEmbedding({ dimensions: 32 });
    const direct = open({ embedding, writePath: 'direct' });
    const sdk = open({ embedding, writePath: 'sdk' });
    await direct.addDocuments(documents);
    await sdk.addDocuments(documents);
    const [viaDirect, viaSdk] = await Promise.all([
      storedRows(direct.collection),
      storedRows(sdk.collection),
    ]);
    expect(Object.keys(viaDirect).sort()).toEqual(['empty-metadata', 'plain', 'unicode']);
    expect(viaDirect).toEqual(viaSdk);
    const [expected] = await embedding.encodeDocuments([documents[1]!.text]);
    expect(viaDirect.unicode!.vector).toEqual(Array.from(expected!));
  });

  it('replace rows with the same id instead of adding them, and keep BM25 search working', async () => {
    const store = open({ writePath: 'direct' });
    await store.addDocuments(documents);
    await store.addDocuments([{ id: 'plain', text: 'A replaced sentence about harbours.' }]);
    expect(await store.count()).toBe(3);
    const [stored] = await store.get(['plain']);
    expect(stored?.text).toBe('A replaced sentence about harbours.');
    const hits = await store.hybridSearch('harbours', { topK: 1 });
    expect(hits[0]?.id).toBe('plain');
  });

  it('send sparse vectors themselves (no SDK fallback) into a collection with the sparse field', async () => {
    const store = open({ writePath: 'direct', sparseVectors: true });
    await store.ensureCollection();
    await client.connectPromise;
    const sparse = { indices: Uint32Array.of(4, 9), values: Float32Array.of(1.5, 0.25) };
    const result = await directUpsert(
      client,
      store.collection,
      [
        {
          id: 'direct',
          text: 'direct',
          metadata: {},
          vector: new Float32Array(64).fill(1),
          sparse,
        },
      ],
      { timeoutMs: 10_000, sparseVectors: true },
    );
    expect(result?.upsertCount).toBe(1);
    const [row] = await store.driver.getRows(store.collection, ['direct']);
    expect(row?.sparse).toEqual(sparse);
  });

  it('step aside for a client that does not expose its channel pool', async () => {
    const result = await directUpsert({} as MilvusClient, 'any', [], {
      timeoutMs: 1000,
      sparseVectors: false,
    });
    expect(result).toBeUndefined();
  });
});
