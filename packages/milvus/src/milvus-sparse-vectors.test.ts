import {
  createHashingEmbedding,
  createStoreRegistry,
  createVectorStore,
  InvalidConfigError,
  InvalidInputError,
  MemoryVectorStore,
  NotSupportedError,
  type SparseVector,
  sparseVectorFromEntries,
} from '@embedkit/core';
import {
  createWordCountSparseEmbedding,
  describeSparseVectorStoreContract,
  sampleDocuments,
} from '@embedkit/testing';
import { ConsistencyLevelEnum, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { noSparseVectorIndex } from './milvus-sparse-vector.js';
import { testStores, uniqueCollection } from './milvus-store.test-helpers.js';
import { milvusStore } from './milvus-store-definitions.js';
import { MilvusStoreDriver } from './milvus-store-driver.js';

const server = () => ({
  address: inject('milvusAddress'),
  token: inject('milvusToken') || undefined,
});

describeSparseVectorStoreContract(
  'Milvus driver with sparseVectors on Milvus Lite',
  async () => new MilvusStoreDriver({ ...server(), sparseVectors: true }),
);

/** The bytes of a sparse vector's two arrays: equal bytes mean equal bits, -0 and NaN included. */
function bits(vector: SparseVector | undefined) {
  return vector && [Buffer.from(vector.indices.buffer).toString('hex'), bytesOf(vector.values)];
}

function bytesOf(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');
}

const dense = new Float32Array(64).fill(0.125);

describe('sparse vectors in Milvus', () => {
  const open = testStores();
  const client = new MilvusClient({ address: inject('milvusAddress') });
  afterAll(() => client.closeConnection());

  it.each(['direct', 'sdk'] as const)(
    'reads back what the %s write path stored, bit for bit',
    async (writePath) => {
      const store = open({ writePath, sparseVectors: true });
      const awkward = sparseVectorFromEntries([
        [0, Math.fround(0.1)],
        [7, 1e-45], // the smallest float32 subnormal
        [65_536, Math.fround(Math.PI)],
        [2_000_000, 3.4028234663852886e38], // the largest float32
        [noSparseVectorIndex - 1, Math.fround(1 / 3)],
      ]);
      const small = sparseVectorFromEntries([[3, 2.5]]);
      await store.addVectors([
        { id: 'awkward', text: 'awkward', vector: dense, sparseVector: awkward },
        { id: 'small', text: 'small', vector: dense, sparseVector: small },
        { id: 'none', text: 'none', vector: dense },
      ]);
      const rows = await store.driver.getRows(store.collection, ['awkward', 'small', 'none']);
      expect(rows.map((row) => [row.id, bits(row.sparse)])).toEqual([
        ['awkward', bits(awkward)],
        ['small', bits(small)],
        ['none', undefined],
      ]);
      // What pymilvus and the SDK see: the same entries, and the marker for the row without one.
      const stored = await client.query({
        collection_name: store.collection,
        filter: 'id in ["small", "none"]',
        output_fields: ['id', 'sparse_vector'],
        consistency_level: ConsistencyLevelEnum.Strong,
      });
      expect(Object.fromEntries(stored.data.map((row) => [row.id, row.sparse_vector]))).toEqual({
        small: { 3: 2.5 },
        none: { [noSparseVectorIndex]: 1 },
      });
    },
  );

  it('fuses hybrid search in core with the same ids and scores as the memory store', async () => {
    const embedding = createHashingEmbedding({ dimensions: 64 });
    const sparseEmbedding = createWordCountSparseEmbedding();
    const milvus = open({ embedding, sparseEmbedding });
    const memory = new MemoryVectorStore({ embedding, sparseEmbedding });
    const documents = sampleDocuments.map((document, index) => ({ ...document, id: `d${index}` }));
    await milvus.addDocuments(documents);
    await memory.addDocuments(documents);
    const text = 'vector search in a database of honey bees';
    const [denseQuery] = await embedding.encodeQueries([text]);
    const [sparseQuery] = await sparseEmbedding.encodeQueries([text]);
    const scored = (hits: { id: string; score: number }[]) =>
      hits.map((hit) => [hit.id, Number(hit.score.toFixed(4))]);
    expect(scored(await milvus.searchBySparseVector(sparseQuery!, { topK: 10 }))).toEqual(
      scored(await memory.searchBySparseVector(sparseQuery!, { topK: 10 })),
    );
    for (const ranker of [
      { type: 'rrf', k: 60 },
      { type: 'weighted', dense: 0.4, sparse: 0.6 },
    ] as const) {
      const options = { topK: 5, candidates: 8, ranker };
      const vectors = { dense: denseQuery!, sparse: sparseQuery! };
      expect(scored(await milvus.hybridSearchByVectors(vectors, options))).toEqual(
        scored(await memory.hybridSearchByVectors(vectors, options)),
      );
      expect(scored(await milvus.hybridSearch(text, options))).toEqual(
        scored(await memory.hybridSearch(text, options)),
      );
    }
    await memory.close();
  });

  it('drops zero weights; a row without a sparse vector (or an empty one) is never a hit', async () => {
    const store = open({ sparseVectors: true });
    await store.addVectors([
      {
        id: 'zero',
        text: 'zero',
        vector: dense,
        // Built by hand: sparseVectorFromEntries leaves zero weights out.
        sparseVector: { indices: Uint32Array.from([3, 9]), values: Float32Array.from([0, 1.25]) },
      },
      {
        id: 'all-zero',
        text: 'all zero',
        vector: dense,
        sparseVector: { indices: Uint32Array.from([3]), values: Float32Array.from([0]) },
      },
      { id: 'empty', text: 'empty', vector: dense, sparseVector: sparseVectorFromEntries([]) },
      { id: 'none', text: 'none', vector: dense },
    ]);
    const rows = await store.driver.getRows(store.collection, [
      'zero',
      'all-zero',
      'empty',
      'none',
    ]);
    expect(rows.map((row) => [row.id, row.sparse && Array.from(row.sparse.indices)])).toEqual([
      ['zero', [9]],
      ['all-zero', undefined],
      ['empty', undefined],
      ['none', undefined],
    ]);
    expect(await store.searchBySparseVector(sparseVectorFromEntries([[3, 1]]))).toEqual([]);
    expect(
      (await store.searchBySparseVector(sparseVectorFromEntries([[9, 2]]))).map((hit) => [
        hit.id,
        hit.score,
      ]),
    ).toEqual([['zero', 2.5]]);
    expect(await store.searchBySparseVector(sparseVectorFromEntries([]))).toEqual([]);
    // Dense search still finds every row, sparse vector or not.
    expect(await store.count()).toBe(4);
  });

  it('clears a replaced row’s sparse vector when the new row has none', async () => {
    const store = open({ sparseVectors: true });
    const sparseVector = sparseVectorFromEntries([[5, 1]]);
    await store.addVectors([{ id: 'row', text: 'first', vector: dense, sparseVector }]);
    await store.addVectors([{ id: 'row', text: 'second', vector: dense }]);
    expect(await store.searchBySparseVector(sparseVector)).toEqual([]);
    const [row] = await store.driver.getRows(store.collection, ['row']);
    expect(row).toMatchObject({ text: 'second' });
    expect(row!.sparse).toBeUndefined();
  });

  it('takes sparseVectors in a registry config, as a JSON setting', async () => {
    const stores = createStoreRegistry([milvusStore]);
    const store = stores.fromConfig(
      {
        kind: 'milvus',
        address: inject('milvusAddress'),
        collection: uniqueCollection('registry_sparse'),
        sparseVectors: true,
      },
      { embedding: createHashingEmbedding({ dimensions: 64 }) },
    );
    try {
      const sparseVector = sparseVectorFromEntries([[11, 3]]);
      await store.addVectors([{ id: 'kept', text: 'kept', vector: dense, sparseVector }]);
      const hits = await store.searchBySparseVector!(sparseVectorFromEntries([[11, 2]]));
      expect(hits.map((hit) => [hit.id, hit.score])).toEqual([['kept', 6]]);
    } finally {
      await store.close();
    }
  });

  it('creates the sparse_vector field with an inverted index on inner product, only when asked', async () => {
    const sparse = open({ sparseVectors: true });
    const plain = open();
    await sparse.ensureCollection();
    await plain.ensureCollection();
    const fieldsOf = async (collection: string) =>
      (await client.describeCollection({ collection_name: collection })).schema.fields.map(
        (field) => field.name,
      );
    expect(await fieldsOf(sparse.collection)).toContain('sparse_vector');
    expect(await fieldsOf(plain.collection)).not.toContain('sparse_vector');
    const index = await client.describeIndex({
      collection_name: sparse.collection,
      field_name: 'sparse_vector',
    });
    const params = Object.fromEntries(
      (index.index_descriptions[0]?.params ?? []).map((param) => [param.key, param.value]),
    );
    expect(params).toMatchObject({ index_type: 'SPARSE_INVERTED_INDEX', metric_type: 'IP' });
  });
});

describe('what the Milvus store refuses about sparse vectors', () => {
  const open = testStores();

  it('negative weights and the reserved index, naming the document, before anything is written', async () => {
    const store = open({ sparseVectors: true });
    const negative = sparseVectorFromEntries([
      [1, 1],
      [3, -2],
    ]);
    const written = store.addVectors([
      { id: 'fine', text: 'fine', vector: dense, sparseVector: sparseVectorFromEntries([[1, 1]]) },
      { id: 'negative', text: 'negative', vector: dense, sparseVector: negative },
    ]);
    await expect(written).rejects.toThrow(InvalidInputError);
    await expect(written).rejects.toThrow(/Document "negative".*negative weight -2 at index 3/);
    const reserved = sparseVectorFromEntries([[noSparseVectorIndex, 1]]);
    await expect(
      store.addVectors([{ id: 'reserved', text: 'x', vector: dense, sparseVector: reserved }]),
    ).rejects.toThrow(/takes? indices up to 4294967293/);
    expect(await store.count()).toBe(0);
    await expect(store.searchBySparseVector(negative)).rejects.toThrow(InvalidInputError);
    await expect(store.searchBySparseVector(reserved)).rejects.toThrow(InvalidInputError);
  });

  it('an existing collection without the sparse_vector field, naming it and what to do', async () => {
    const collection = uniqueCollection('no_sparse');
    const plain = open({ collection });
    await plain.addDocuments([{ id: 'a', text: 'a document' }]);
    const sparse = open({ collection, sparseEmbedding: createWordCountSparseEmbedding() });
    const refused = sparse.ensureCollection();
    await expect(refused).rejects.toThrow(InvalidConfigError);
    await expect(refused).rejects.toThrow(
      new RegExp(
        `collection "${collection}" was created without the "sparse_vector" field.*new collection name`,
      ),
    );
  });

  it('writes to a sparse collection from a store not set to keep sparse vectors', async () => {
    const collection = uniqueCollection('sparse_kept');
    const sparse = open({ collection, sparseVectors: true });
    await sparse.addVectors([
      { id: 'a', text: 'a', vector: dense, sparseVector: sparseVectorFromEntries([[1, 1]]) },
    ]);
    const plain = open({ collection });
    // Reading and dense search work; a write would lose the rows' sparse vectors.
    expect(await plain.count()).toBe(1);
    await expect(plain.addVectors([{ id: 'b', text: 'b', vector: dense }])).rejects.toThrow(
      /keeps sparse vectors.*sparseVectors: true/,
    );
    expect(await plain.count()).toBe(1);
  });

  it('a sparseEmbedding on a driver not set to keep sparse vectors, saying how', async () => {
    const sparseEmbedding = createWordCountSparseEmbedding();
    const embedding = createHashingEmbedding({ dimensions: 8 });
    expect(() => open({ sparseEmbedding, sparseVectors: false })).toThrow(InvalidConfigError);
    const driver = new MilvusStoreDriver(server());
    try {
      expect(driver.sparseVectors).toBe(false);
      expect(() => createVectorStore({ driver, embedding, sparseEmbedding })).toThrow(
        NotSupportedError,
      );
      expect(() => createVectorStore({ driver, embedding, sparseEmbedding })).toThrow(
        /Milvus with sparseVectors: true/,
      );
    } finally {
      await driver.close();
    }
  });
});
