import {
  createHashingEmbedding,
  DimensionMismatchError,
  InvalidConfigError,
  InvalidInputError,
} from '@embedkit/core';
import { ChromaClient } from 'chromadb';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { chromaAddress } from './chroma-connection.js';
import { testStores, uniqueCollection } from './chroma-store.test-helpers.js';
import { ChromaStoreDriver } from './chroma-store-driver.js';

const { host, port } = chromaAddress(inject('chromaUrl'));
const chroma = new ChromaClient({ host, port });
const unit = (slot: number, scale = 1) => {
  const vector = Array.from({ length: 8 }, () => 0);
  vector[slot] = scale;
  return vector;
};

/** Creates a collection the way a Chroma user would: the client's defaults (default embedding function, l2). */
async function createForeign(name: string) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    return await chroma.createCollection({ name });
  } finally {
    warn.mockRestore();
  }
}

describe('a Chroma collection embedkit did not create', () => {
  const open = testStores();
  const name = uniqueCollection('foreign');

  beforeAll(async () => {
    const collection = await createForeign(name);
    await collection.add({
      ids: ['near', 'middle', 'far'],
      embeddings: [unit(0), [0.8, 0.6, 0, 0, 0, 0, 0, 0], unit(1)],
      documents: ['near text', 'middle text', 'far text'],
      metadatas: [{ tags: ['a', 'b'], n: 1 }, { n: 2 }, { n: 3, source: 'x.md' }],
    });
  });

  it('opens without a record, with its dimension, and searches it on its own space (l2)', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      // No metric given: the collection's own space (Chroma's default, l2) is used.
      const store = open({
        collection: name,
        embedding: createHashingEmbedding({ dimensions: 8 }),
      });
      const info = await store.ensureCollection();
      expect(info).toMatchObject({ created: false, dim: 8, metric: 'l2' });
      const hits = await store.searchByVector(Float32Array.from(unit(0)), { topK: 2 });
      expect(hits.map((hit) => [hit.id, hit.text])).toEqual([
        ['near', 'near text'],
        ['middle', 'middle text'],
      ]);
      expect(hits[1]!.score).toBeCloseTo(0.4, 5);
      expect(await store.get(['near', 'far'])).toEqual([
        { id: 'near', text: 'near text', metadata: { tags: ['a', 'b'], n: 1 } },
        { id: 'far', text: 'far text', metadata: { n: 3, source: 'x.md' } },
      ]);
      const filtered = await store.searchByVector(Float32Array.from(unit(0)), {
        filter: { n: { gte: 2 } },
      });
      expect(filtered.map((hit) => hit.id)).toEqual(['middle', 'far']);
      expect(await store.count()).toBe(3);
      // It opens the collection without resolving Chroma's default embedding function.
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses ne, nin and exists there, naming the operator and the collection', async () => {
    const store = open({
      collection: name,
      metric: 'l2',
      embedding: createHashingEmbedding({ dimensions: 8 }),
    });
    for (const [operator, filter] of [
      ['ne', { n: { ne: 1 } }],
      ['nin', { n: { nin: [1] } }],
      ['exists', { source: { exists: true } }],
    ] as const) {
      const error = await store
        .searchByVector(Float32Array.from(unit(0)), { filter })
        .catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(operator);
      expect((error as Error).message).toContain(name);
    }
  });

  it('takes the metric from its space (refusing another one, naming it) and refuses another dimension', async () => {
    const cosine = open({
      collection: name,
      metric: 'cosine',
      embedding: createHashingEmbedding({ dimensions: 8 }),
    });
    const error = await cosine.count().catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('metric');
    expect((error as Error).message).toContain('l2');
    const wider = open({
      collection: name,
      metric: 'l2',
      embedding: createHashingEmbedding({ dimensions: 16 }),
    });
    const mismatch = await wider.count().catch((caught: unknown) => caught);
    expect(DimensionMismatchError.isInstance(mismatch)).toBe(true);
    expect((mismatch as Error).message).toContain('8');
  });

  it('opens an empty one (dimension not known yet) and writes to it', async () => {
    const empty = uniqueCollection('foreign_empty');
    await createForeign(empty);
    const driver = new ChromaStoreDriver({ url: inject('chromaUrl') });
    const embedding = createHashingEmbedding({ dimensions: 8 });
    expect(
      await driver.openCollection({
        collection: empty,
        record: { embedding: embedding.toConfig(), space: embedding.space, dim: 8, metric: 'l2' },
      }),
    ).toEqual({ record: undefined, metric: 'l2', created: false });
    await driver.close();
    const store = open({ collection: empty, metric: 'l2', embedding });
    await store.addDocuments([{ id: 'first', text: 'the first document', metadata: { n: 1 } }]);
    expect(await store.get(['first'])).toEqual([
      { id: 'first', text: 'the first document', metadata: { n: 1 } },
    ]);
  });

  it('reports the driver-level result: no record, the dimension, not created', async () => {
    const driver = new ChromaStoreDriver({ url: inject('chromaUrl') });
    const embedding = createHashingEmbedding({ dimensions: 8 });
    const opened = await driver.openCollection({
      collection: name,
      record: { embedding: embedding.toConfig(), space: embedding.space, dim: 8, metric: 'l2' },
    });
    expect(opened).toEqual({ record: undefined, dim: 8, metric: 'l2', created: false });
    await driver.close();
  });
});

describe('fields.text: a collection that keeps its text in a metadata key', () => {
  const open = testStores();
  const name = uniqueCollection('foreign_text');
  const untouched = uniqueCollection('foreign_text_untouched');

  beforeAll(async () => {
    for (const collectionName of [name, untouched]) {
      const collection = await createForeign(collectionName);
      await collection.add({
        ids: ['one', 'two'],
        embeddings: [unit(0), unit(1)],
        metadatas: [
          { content: 'the first text', lang: 'en' },
          { content: 'der zweite Text', lang: 'de' },
        ],
      });
    }
  });

  it('reads and writes the text in that key', async () => {
    const store = open({
      collection: name,
      metric: 'l2',
      fields: { text: 'content' },
      embedding: createHashingEmbedding({ dimensions: 8 }),
    });
    expect(await store.get(['two'])).toEqual([
      { id: 'two', text: 'der zweite Text', metadata: { lang: 'de' } },
    ]);
    const [hit] = await store.searchByVector(Float32Array.from(unit(0)), { topK: 1 });
    expect(hit).toMatchObject({ id: 'one', text: 'the first text', metadata: { lang: 'en' } });
    await store.addDocuments([{ id: 'three', text: 'a third text', metadata: { lang: 'en' } }]);
    const raw = await chroma.getCollection({
      name,
      embeddingFunction: { generate: async () => [] },
    });
    const [stored] = (await raw.get({ ids: ['three'] })).metadatas;
    expect(stored).toMatchObject({ content: 'a third text', lang: 'en' });
    expect(await store.get(['three'])).toEqual([
      { id: 'three', text: 'a third text', metadata: { lang: 'en' } },
    ]);
  });

  it('refuses to open it without fields.text, or with a key its records lack, naming the keys found', async () => {
    for (const fields of [undefined, { text: 'body' }]) {
      const store = open({
        collection: untouched,
        metric: 'l2',
        embedding: createHashingEmbedding({ dimensions: 8 }),
        ...(fields ? { fields } : {}),
      });
      const error = await store.count().catch((caught: unknown) => caught);
      expect(InvalidConfigError.isInstance(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('fields.text');
      expect(message).toContain(untouched);
      expect(message).toContain('"content"');
      expect(message).toContain('"lang"');
      if (fields) expect(message).toContain('"body"');
    }
  });
});
