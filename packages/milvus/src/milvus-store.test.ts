import { inspect } from 'node:util';
import {
  createHashingEmbedding,
  type IngestProgress,
  InvalidConfigError,
  InvalidInputError,
  StoreError,
} from '@embedkit/core';
import {
  describeVectorStoreContract,
  describeVectorStoreDriverContract,
  sampleDocuments,
} from '@embedkit/testing';
import { DataType, MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { milvusProperties } from './milvus-schema.js';
import { createMilvusStore } from './milvus-store.js';
import { testStores, uniqueCollection } from './milvus-store.test-helpers.js';
import { MilvusStoreDriver } from './milvus-store-driver.js';

describeVectorStoreContract('Milvus store on Milvus Lite', () => ({
  createStore: async ({ embedding, collection }) =>
    createMilvusStore({
      embedding,
      collection,
      address: inject('milvusAddress'),
      token: inject('milvusToken') || undefined,
    }),
}));

describeVectorStoreDriverContract('Milvus driver on Milvus Lite', () => ({
  createDriver: () =>
    new MilvusStoreDriver({
      address: inject('milvusAddress'),
      token: inject('milvusToken') || undefined,
    }),
}));

describe('Milvus store', () => {
  const open = testStores();
  const client = new MilvusClient({ address: inject('milvusAddress') });
  afterAll(() => client.closeConnection());

  it('records the schema and embedding space so pymilvus users can read the collection', async () => {
    const embedding = createHashingEmbedding({ dimensions: 48 });
    const store = open({ embedding });
    const info = await store.ensureCollection();
    expect(info).toMatchObject({ created: true, dim: 48, metric: 'cosine' });
    expect((await store.ensureCollection()).created).toBe(false);
    const description = await client.describeCollection({ collection_name: store.collection });
    const fields = Object.fromEntries(
      description.schema.fields.map((field) => [field.name, field.data_type]),
    );
    expect(fields).toEqual({
      id: 'VarChar',
      vector: 'FloatVector',
      text: 'VarChar',
      sparse: 'SparseFloatVector',
      metadata: 'JSON',
    });
    const properties = Object.fromEntries(
      description.properties.map((property) => [property.key, String(property.value)]),
    );
    expect(JSON.parse(properties[milvusProperties.space]!)).toEqual(embedding.space);
    expect(JSON.parse(properties[milvusProperties.embedding]!)).toEqual(embedding.toConfig());
  });

  it('ingests 10,000 documents in batches, reporting progress, and finds them', async () => {
    const store = open({ embedding: createHashingEmbedding({ dimensions: 32 }) });
    const documents = Array.from({ length: 10_000 }, (_, index) => ({
      text: `record ${index} about item${index} in group${index % 97}`,
      metadata: { group: index % 97, even: index % 2 === 0 },
    }));
    const progress: IngestProgress[] = [];
    const ids = await store.addDocuments(documents, {
      batchSize: 2000,
      onProgress: (update) => progress.push(update),
    });
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(await store.count()).toBe(10_000);
    expect(progress.at(-1)).toMatchObject({ embedded: 10_000, stored: 10_000, total: 10_000 });
    expect([...new Set(progress.map((update) => update.stored))]).toEqual([
      0, 2000, 4000, 6000, 8000, 10_000,
    ]);
    const [hit] = await store.search(documents[4321]!.text, { topK: 1 });
    expect(hit?.id).toBe(ids[4321]);
    const filtered = await store.search('record about item', {
      topK: 50,
      filter: { group: 5, even: true },
    });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((found) => found.metadata.group === 5 && found.metadata.even)).toBe(true);
  });

  it('upserts: re-running an ingest leaves one row per document', async () => {
    const store = open();
    const first = await store.addDocuments(sampleDocuments);
    const second = await store.addDocuments([...sampleDocuments].reverse());
    expect(second).toEqual([...first].reverse());
    expect(await store.count()).toBe(sampleDocuments.length);
  });

  it('compiles the shared filter language with quotes in values, and takes native expressions', async () => {
    const store = open();
    await store.addDocuments([
      { id: 'a', text: 'alpha text', metadata: { kind: 'x', rank: 1, draft: true } },
      { id: 'b', text: 'beta text', metadata: { kind: 'y', rank: 2, draft: false } },
      { id: 'c', text: 'gamma "quoted" text', metadata: { kind: 'say "hi"', rank: 3, note: null } },
    ]);
    const ids = async (filter: Parameters<typeof store.search>[1]) =>
      (await store.search('text', { topK: 10, ...filter })).map((hit) => hit.id).sort();
    expect(await ids({ filter: { kind: 'x' } })).toEqual(['a']);
    expect(await ids({ filter: { kind: { in: ['x', 'say "hi"'] } } })).toEqual(['a', 'c']);
    expect(await ids({ filter: { rank: 2 } })).toEqual(['b']);
    expect(await ids({ filter: { draft: false } })).toEqual(['b']);
    expect(await ids({ filter: { note: { exists: false }, kind: 'say "hi"' } })).toEqual(['c']);
    expect(await ids({ filter: { kind: { ne: 'say "hi"' }, rank: { lte: 2 } } })).toEqual([
      'a',
      'b',
    ]);
    expect(await ids({ filter: 'metadata["rank"] >= 2' })).toEqual(['b', 'c']);
  });

  it('wraps the server message when a raw filter expression is malformed', async () => {
    const store = open();
    await store.addDocuments(sampleDocuments.slice(0, 2));
    const error = await store
      .search('database', { filter: 'metadata["topic" ==' })
      .catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('metadata["topic" ==');
    expect((error as Error).message).toMatch(/expected|parse|syntax/i);
  });

  it('refuses text longer than the text field, naming the document, or truncates when asked', async () => {
    const strict = open({ textMaxLength: 32 });
    const long = 'é'.repeat(20);
    const error = await strict
      .addDocuments([
        { id: 'short', text: 'fits' },
        { id: 'long', text: long },
      ])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect((error as Error).message).toContain('"long"');
    expect((error as Error).message).toContain('40 bytes');
    expect(await strict.count()).toBe(0);

    const truncating = open({ textMaxLength: 32, textOverflow: 'truncate' });
    await truncating.addDocuments([{ id: 'long', text: long }]);
    expect(await truncating.get(['long'])).toEqual([
      { id: 'long', text: 'é'.repeat(16), metadata: {} },
    ]);
    // The prefix is what was embedded too, before anything was written.
    const [prefix] = await truncating.embedding.encodeDocuments(['é'.repeat(16)]);
    const [hit] = await truncating.searchByVector(prefix!, { topK: 1 });
    expect(hit?.score).toBeCloseTo(1, 5);
  });

  it('refuses metadata that is not JSON-serialisable before writing', async () => {
    const store = open();
    const error = await store
      .addDocuments([{ text: 'fine', metadata: { size: 10n } as never }])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(await store.count()).toBe(0);
  });

  it('gets documents in the order asked and deletes by filter', async () => {
    const store = open();
    const ids = await store.addDocuments(sampleDocuments);
    const got = await store.get([ids[3]!, 'missing', ids[0]!]);
    expect(got.map((document) => document.id)).toEqual([ids[3], ids[0]]);
    await store.delete({ filter: { topic: { in: ['cooking', 'space'] } } });
    const left = sampleDocuments.filter(
      (document) => document.metadata.topic !== 'cooking' && document.metadata.topic !== 'space',
    );
    expect(await store.count()).toBe(left.length);
  });

  it('returns only the fields asked for', async () => {
    const store = open();
    await store.addDocuments(sampleDocuments.slice(0, 3));
    const [hit] = await store.search(sampleDocuments[0].text, { topK: 1, outputFields: [] });
    expect(hit).toMatchObject({ text: '', metadata: {} });
    expect(typeof hit?.score).toBe('number');
  });

  it('scores by the configured metric: l2 distances ascend, ip similarities descend', async () => {
    for (const metric of ['l2', 'ip'] as const) {
      const store = open({ metric });
      await store.addDocuments(sampleDocuments);
      const hits = await store.search(sampleDocuments[2].text, { topK: 4 });
      expect(hits[0]?.text).toBe(sampleDocuments[2].text);
      const scores = hits.map((hit) => hit.score);
      const sorted = [...scores].sort((a, b) => (metric === 'l2' ? a - b : b - a));
      expect(scores).toEqual(sorted);
      expect(scores[0]).toBeCloseTo(metric === 'l2' ? 0 : 1, 4);
    }
  });

  it('refuses to open a collection with another metric or one it did not create', async () => {
    const collection = uniqueCollection('metric');
    await open({ collection }).ensureCollection();
    const error = await open({ collection, metric: 'l2' })
      .ensureCollection()
      .catch((caught: unknown) => caught);
    // Core's store refuses a metric other than the collection's as a configuration error.
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/cosine.*l2/);

    const foreign = uniqueCollection('foreign');
    await client.createCollection({
      collection_name: foreign,
      fields: [
        { name: 'pk', data_type: DataType.Int64, is_primary_key: true },
        { name: 'vector', data_type: DataType.FloatVector, dim: 8 },
      ],
      index_params: [{ field_name: 'vector', index_type: 'FLAT', metric_type: 'L2' }],
    });
    // Not embedkit's: opened only through a field mapping, and this one has nowhere for text.
    const mappingError = await open({ collection: foreign })
      .count()
      .catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(mappingError)).toBe(true);
    expect((mappingError as Error).message).toMatch(
      /fields\.text: .*has no field "text" and no dynamic field.*pk \(Int64\), vector \(FloatVector\)/s,
    );
  });

  it('keeps the token out of anything a log of the store would show', () => {
    const store = createMilvusStore({
      embedding: createHashingEmbedding({ dimensions: 16 }),
      address: '127.0.0.1:19530',
      token: 'root:very-secret-token',
    });
    expect(inspect(store, { depth: 5 })).not.toContain('very-secret-token');
    expect(JSON.stringify(store)).not.toContain('very-secret-token');
  });

  it('validates its settings when created', () => {
    const embedding = createHashingEmbedding({ dimensions: 16 });
    expect(() => createMilvusStore({ embedding, collection: 'has space' })).toThrow(
      InvalidConfigError,
    );
    expect(() => createMilvusStore({ embedding, textMaxLength: 70_000 })).toThrow(/textMaxLength/);
  });
});

describe('Milvus store flush', () => {
  const open = testStores();

  it('seals written rows and leaves them counted and searchable', async () => {
    const store = open();
    await store.addDocuments([
      { id: 'harbour', text: 'Boats rest in the harbour at night.' },
      { id: 'orchard', text: 'Apples ripen in the orchard in autumn.' },
    ]);
    await store.flush();
    expect(await store.count()).toBe(2);
    const [hit] = await store.search('Boats rest in the harbour at night.', { topK: 1 });
    expect(hit?.id).toBe('harbour');
  });
});
