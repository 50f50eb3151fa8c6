import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { EmbeddingSpaceMismatchError } from '../errors/embedding-space-mismatch-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { createHashingEmbedding } from '../hashing/create-hashing-embedding.js';
import { sparseVectorFromEntries } from '../sparse/sparse-vector.js';
import { MemoryDatabase } from './memory-database.js';
import { loadMemorySnapshot } from './memory-snapshot.js';
import { MemoryVectorStore } from './memory-vector-store.js';

const embedding = createHashingEmbedding({ dimensions: 64 });
const documents = [
  { id: 'milvus', text: 'Milvus is a vector database', metadata: { topic: 'db' } },
  { id: 'fox', text: 'The quick brown fox', metadata: { topic: 'animals' } },
  { id: 'search', text: 'vector search finds similar vectors', metadata: { topic: 'db' } },
];

describe('MemoryVectorStore', () => {
  it('records the embedding space and config the collection was built with', async () => {
    const store = new MemoryVectorStore({ embedding, collection: 'docs' });
    const info = await store.ensureCollection();
    expect(info).toMatchObject({ name: 'docs', dim: 64, metric: 'cosine', created: true });
    expect(info.embedding).toEqual(embedding.toConfig());
    expect(info.space).toEqual(embedding.space);
    expect((await store.ensureCollection()).created).toBe(false);
  });

  it('keeps the collections already in its file when given a database and a path', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'embedkit-memory-'));
    try {
      const path = join(directory, 'index.json');
      const first = new MemoryVectorStore({ embedding, collection: 'first', path });
      await first.addDocuments(documents);
      await first.close();
      // A fresh database shared with other stores, saved to the same file: the file's
      // collection must survive the save, not be replaced by the database's contents.
      const second = new MemoryVectorStore({
        embedding,
        collection: 'second',
        database: new MemoryDatabase(),
        path,
      });
      await second.addDocuments([documents[0]!]);
      await second.close();
      const saved = loadMemorySnapshot(path);
      expect([...saved.collections.keys()].sort()).toEqual(['first', 'second']);
      expect(saved.collections.get('first')!.rows.size).toBe(3);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('writes its file a row per line, as one JSON document, and reads both layouts', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'embedkit-memory-'));
    try {
      const path = join(directory, 'index.json');
      const store = new MemoryVectorStore({ embedding, collection: 'docs', path });
      await store.addDocuments(documents);
      await store.close();
      const text = readFileSync(path, 'utf8');
      // Header, collection, three rows, two closing lines, and the empty rest after the last newline.
      expect(text.split('\n')).toHaveLength(8);
      const whole = JSON.parse(text);
      expect(whole.collections.docs.rows.map((row: { id: string }) => row.id)).toEqual(
        documents.map((document) => document.id),
      );
      // The single-line layout of earlier versions (and of JSON.stringify) loads the same rows.
      writeFileSync(path, JSON.stringify(whole));
      const reloaded = new MemoryVectorStore({ embedding, collection: 'docs', path });
      expect(await reloaded.count()).toBe(3);
      const [hit] = await reloaded.search('a vector database', { topK: 1 });
      expect(hit?.id).toBe('milvus');
      // A file cut short in the line layout is refused with the reason, never half loaded.
      writeFileSync(path, text.split('\n').slice(0, 4).join('\n'));
      expect(() => loadMemorySnapshot(path)).toThrow(/cannot be read \(the file ends before/);
      const damaged = text.replace('"vector":"', '"vector":7,"x":"');
      writeFileSync(path, damaged);
      expect(() => loadMemorySnapshot(path)).toThrow(/at collections\.docs\.rows\.0\.vector/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('saves sparse vectors in its file and searches them after loading it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'embedkit-memory-'));
    try {
      const path = join(directory, 'index.json');
      const first = new MemoryVectorStore({ embedding, collection: 'sparse', path });
      const vector = new Float32Array(64).fill(0.125);
      await first.addVectors([
        {
          id: 'one',
          text: 'one',
          vector,
          sparseVector: sparseVectorFromEntries([
            [3, 0.5],
            [70_000, 2],
          ]),
        },
        { id: 'two', text: 'two', vector, sparseVector: sparseVectorFromEntries([[3, 1.5]]) },
        { id: 'plain', text: 'plain', vector },
      ]);
      await first.close();
      const second = new MemoryVectorStore({ embedding, collection: 'sparse', path });
      const hits = await second.searchBySparseVector(
        sparseVectorFromEntries([
          [3, 1],
          [70_000, 1],
        ]),
      );
      expect(hits.map((hit) => [hit.id, hit.score])).toEqual([
        ['one', 2.5],
        ['two', 1.5],
      ]);
      const [row] = await second.driver.getRows!('sparse', ['one']);
      expect(row!.sparse).toEqual({
        indices: Uint32Array.from([3, 70_000]),
        values: Float32Array.from([0.5, 2]),
      });
      await second.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses another embedding space in an existing collection, before writing', async () => {
    const database = new MemoryDatabase();
    await new MemoryVectorStore({ embedding, database }).addDocuments(documents);
    const otherDim = new MemoryVectorStore({
      embedding: createHashingEmbedding({ dimensions: 32 }),
      database,
    });
    await expect(otherDim.addDocuments([{ text: 'x' }])).rejects.toThrow(DimensionMismatchError);
    const otherSettings = new MemoryVectorStore({
      embedding: createHashingEmbedding({ dimensions: 64, charNgram: 0 }),
      database,
    });
    const error = (await otherSettings.search('x').catch((caught: unknown) => caught)) as Error;
    expect(EmbeddingSpaceMismatchError.isInstance(error)).toBe(true);
    expect(error.message).toContain('was built with hashing/hashing-v1 (64 dims, charNgram=3');
    expect(await new MemoryVectorStore({ embedding, database }).count()).toBe(3);
  });

  it('ranks best first for every metric', async () => {
    for (const metric of ['cosine', 'ip', 'l2'] as const) {
      const store = new MemoryVectorStore({ embedding, metric });
      await store.addDocuments(documents);
      const hits = await store.search('Milvus vector database', { topK: 2 });
      expect(hits.map((hit) => hit.id)).toEqual(['milvus', 'search']);
      const [first, second] = hits.map((hit) => hit.score);
      if (metric === 'l2') expect(first).toBeLessThan(second!);
      else expect(first).toBeGreaterThan(second!);
    }
  });

  it('filters, refuses string filters and bad topK', async () => {
    const store = new MemoryVectorStore({ embedding });
    await store.addDocuments(documents);
    const hits = await store.search('vector', { filter: { topic: 'animals' } });
    expect(hits.map((hit) => hit.id)).toEqual(['fox']);
    await expect(store.search('vector', { filter: 'topic == "db"' })).rejects.toThrow(
      NotSupportedError,
    );
    await expect(store.search('vector', { topK: 0 })).rejects.toThrow(InvalidInputError);
    await expect(store.search('  ')).rejects.toThrow(InvalidInputError);
  });

  it('stores a copy of precomputed vectors and refuses the wrong length', async () => {
    const store = new MemoryVectorStore({ embedding });
    const vector = new Float32Array(64).fill(1);
    await store.addVectors([{ id: 'v', text: 'vector', vector }]);
    vector.fill(-1);
    const [hit] = await store.searchByVector(new Float32Array(64).fill(1), { topK: 1 });
    expect(hit!.score).toBeCloseTo(1, 5);
    await expect(store.addVectors([{ text: 'short', vector: [1, 2] }])).rejects.toThrow(
      DimensionMismatchError,
    );
    await expect(store.searchByVector([1, 2])).rejects.toThrow(/has 2 dimensions/);
    expect(await store.count()).toBe(1);
  });
});
