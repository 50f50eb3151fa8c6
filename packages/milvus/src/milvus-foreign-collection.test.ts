import { execFileSync } from 'node:child_process';
import {
  copyCollection,
  createHashingEmbedding,
  createVectorStore,
  DimensionMismatchError,
  InvalidConfigError,
  InvalidInputError,
  MemoryStoreDriver,
} from '@embedkit/core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testStores, uniqueCollection } from './milvus-store.test-helpers.js';

const embedding = createHashingEmbedding({ dimensions: 8 });
const texts = ['the battle of hastings', 'solving quadratic equations', 'the roman empire fell'];
const subjects = ['history', 'math', 'history'];

const pymilvusScript = `
import json, sys
from pymilvus import MilvusClient, DataType
client = MilvusClient(uri=sys.argv[1])
name, kind, rows = sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
if kind == 'quick':
    client.create_collection(name, dimension=8)
    client.insert(name, rows)
else:
    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field('pk', DataType.VARCHAR, is_primary=True, max_length=64)
    schema.add_field('dense', DataType.FLOAT_VECTOR, dim=8)
    schema.add_field('other', DataType.FLOAT_VECTOR, dim=8)
    schema.add_field('body', DataType.VARCHAR, max_length=1000)
    schema.add_field('attributes', DataType.JSON)
    index = client.prepare_index_params()
    index.add_index('dense', index_type='FLAT', metric_type='IP')
    index.add_index('other', index_type='FLAT', metric_type='L2')
    client.create_collection(name, schema=schema, index_params=index)
    client.insert(name, [{'pk': 'p%d' % r['id'], 'dense': r['vector'], 'other': r['vector'], 'body': r['text'], 'attributes': {'subject': r['subject']}} for r in rows])
`;

/**
 * Makes a collection the way a pymilvus user does, with pymilvus itself: quick setup (an Int64
 * `id`, a `vector`, AUTOINDEX with COSINE, the rest in the dynamic field), or an explicit schema
 * with other field names and two vector fields.
 */
async function createWithPymilvus(collection: string, kind: 'quick' | 'custom'): Promise<void> {
  const vectors = await embedding.encodeDocuments(texts);
  const rows = texts.map((text, index) => ({
    id: index + 1,
    vector: Array.from(vectors[index]!),
    text,
    subject: subjects[index],
  }));
  execFileSync(
    'python3',
    [
      '-c',
      pymilvusScript,
      httpAddress(inject('milvusAddress')),
      collection,
      kind,
      JSON.stringify(rows),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
  );
}

describe('collections made by pymilvus', () => {
  const open = testStores();
  const quick = uniqueCollection('quick');
  const custom = uniqueCollection('custom');
  beforeAll(async () => {
    await createWithPymilvus(quick, 'quick');
    await createWithPymilvus(custom, 'custom');
  }, 120_000);

  it('opens a quick-setup collection: search, filters on dynamic keys, get, count, and writes with integer ids', async () => {
    const store = open({ collection: quick, embedding });
    const info = await store.ensureCollection();
    expect(info).toMatchObject({ dim: 8, metric: 'cosine', created: false });
    expect(await store.count()).toBe(3);
    const [hit] = await store.search('the battle of hastings', { topK: 1 });
    expect(hit).toMatchObject({
      id: '1',
      text: 'the battle of hastings',
      metadata: { subject: 'history' },
    });
    const history = await store.search('empire', { topK: 10, filter: { subject: 'history' } });
    expect(history.map((found) => found.id).sort()).toEqual(['1', '3']);
    expect(await store.get(['2'])).toEqual([
      { id: '2', text: 'solving quadratic equations', metadata: { subject: 'math' } },
    ]);
    await store.addDocuments([
      { id: '10', text: 'the french revolution', metadata: { subject: 'history' } },
    ]);
    expect(await store.count()).toBe(4);
    expect((await store.search('french revolution', { topK: 1 }))[0]).toMatchObject({
      id: '10',
      metadata: { subject: 'history' },
    });
    const refused = await store
      .addDocuments([{ id: 'not-a-number', text: 'x' }])
      .catch((error: unknown) => error);
    expect(InvalidInputError.isInstance(refused)).toBe(true);
    expect(String(refused)).toContain('keys rows by the Int64 field "id"');
    // Its rows can be copied out, vectors and all.
    const copy = createVectorStore({ driver: new MemoryStoreDriver(), embedding });
    expect(await copyCollection(store, copy, { batchSize: 2 })).toMatchObject({
      copied: 4,
      total: 4,
    });
    await store.delete({ ids: ['10'] });
    expect(await store.count()).toBe(3);
  });

  it('opens a custom schema through a field mapping, with the index metric', async () => {
    const store = open({
      collection: custom,
      embedding,
      fields: { id: 'pk', vector: 'dense', text: 'body', metadata: 'attributes' },
    });
    expect((await store.ensureCollection()).metric).toBe('ip');
    const [hit] = await store.search('solving quadratic equations', { topK: 1 });
    expect(hit).toMatchObject({
      id: 'p2',
      text: 'solving quadratic equations',
      metadata: { subject: 'math' },
    });
    const filtered = await store.search('history', {
      topK: 5,
      filter: { subject: { ne: 'math' } },
    });
    expect(filtered.map((found) => found.id).sort()).toEqual(['p1', 'p3']);
  });

  it('names the field it cannot find, and refuses another dimension', async () => {
    const ambiguous = await open({
      collection: custom,
      embedding,
      fields: { text: 'body', metadata: 'attributes' },
    })
      .count()
      .catch((error: unknown) => error);
    expect(InvalidConfigError.isInstance(ambiguous)).toBe(true);
    expect(String(ambiguous)).toMatch(
      /fields\.vector: collection "custom_.*" was not created by embedkit and has 2 float-vector fields.*its fields are pk \(VarChar\), dense \(FloatVector\), other \(FloatVector\), body \(VarChar\), attributes \(JSON\)/s,
    );
    const noText = await open({ collection: custom, embedding, fields: { vector: 'dense' } })
      .count()
      .catch((error: unknown) => error);
    expect(String(noText)).toContain('fields.text: collection');
    expect(String(noText)).toContain('has no field "text" and no dynamic field');
    const wrongDim = await open({
      collection: quick,
      embedding: createHashingEmbedding({ dimensions: 16 }),
    })
      .count()
      .catch((error: unknown) => error);
    expect(DimensionMismatchError.isInstance(wrongDim)).toBe(true);
    expect(String(wrongDim)).toContain('holds 8-dimensional vectors, but hashing produces 16');
  });
});

/** pymilvus wants a scheme; the SDK's address may have none. */
function httpAddress(address: string): string {
  return /^[a-z]+:\/\//.test(address) ? address : `http://${address}`;
}
