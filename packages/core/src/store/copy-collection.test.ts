import { describe, expect, it } from 'vitest';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { EmbeddingSpaceMismatchError } from '../errors/embedding-space-mismatch-error.js';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { createHashingEmbedding } from '../hashing/create-hashing-embedding.js';
import { copyCollection } from './copy-collection.js';
import { createVectorStore } from './create-vector-store.js';
import { MemoryStoreDriver } from './memory-store-driver.js';

const embedding = createHashingEmbedding({ dimensions: 16 });
const documents = Array.from({ length: 23 }, (_, index) => ({
  id: `doc-${index}`,
  text: `document number ${index}`,
  metadata: { index, even: index % 2 === 0 },
}));

async function filledSource() {
  const driver = new MemoryStoreDriver();
  const store = createVectorStore({ driver, embedding, collection: 'from' });
  await store.addDocuments(documents);
  return { driver, store };
}

describe('copyCollection', () => {
  it('copies ids, texts, metadata and vectors bit for bit, in batches, with progress', async () => {
    const source = await filledSource();
    const targetDriver = new MemoryStoreDriver();
    const target = createVectorStore({ driver: targetDriver, embedding, collection: 'to' });
    const seen: number[] = [];
    const result = await copyCollection(source.store, target, {
      batchSize: 5,
      onProgress: (progress) => seen.push(progress.copied),
    });
    expect(result).toEqual({ copied: 23, skipped: 0, total: 23 });
    expect(seen).toEqual([0, 5, 10, 15, 20, 23]);
    const ids = documents.map((document) => document.id);
    expect(await target.get(ids)).toEqual(await source.store.get(ids));
    const copied = await targetDriver.getRows('to', ids);
    const original = await source.driver.getRows('from', ids);
    for (const [index, row] of copied.entries()) {
      expect(Buffer.from(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength)).toEqual(
        Buffer.from(original[index]!.vector.buffer, original[index]!.vector.byteOffset, 64),
      );
    }
  });

  it('resumes: rows the target already holds are skipped, not rewritten', async () => {
    const source = await filledSource();
    const targetDriver = new MemoryStoreDriver();
    const target = createVectorStore({ driver: targetDriver, embedding, collection: 'to' });
    await copyCollection(source.store, target, {
      batchSize: 5,
      onProgress: (progress) => {
        if (progress.copied >= 10) throw new Error('killed');
      },
    }).catch(() => {});
    expect(await target.count()).toBe(10);
    const written: number[] = [];
    const upsert = targetDriver.upsert.bind(targetDriver);
    targetDriver.upsert = async (collection, rows) => {
      written.push(rows.length);
      return upsert(collection, rows);
    };
    const result = await copyCollection(source.store, target, { batchSize: 5 });
    expect(result).toEqual({ copied: 13, skipped: 10, total: 23 });
    expect(written.reduce((sum, count) => sum + count, 0)).toBe(13);
    expect(await target.count()).toBe(23);
  });

  it('refuses a target set up for, or built with, another embedding space before writing', async () => {
    const source = await filledSource();
    const other = createVectorStore({
      driver: new MemoryStoreDriver(),
      embedding: createHashingEmbedding({ dimensions: 32 }),
    });
    await expect(copyCollection(source.store, other)).rejects.toSatisfy(
      (error: unknown) =>
        DimensionMismatchError.isInstance(error) &&
        /built with .*16.*set up for .*32/s.test((error as Error).message),
    );
    const sameDim = createVectorStore({
      driver: new MemoryStoreDriver(),
      embedding: createHashingEmbedding({ dimensions: 16, charNgram: 4 }),
    });
    await expect(copyCollection(source.store, sameDim)).rejects.toSatisfy((error: unknown) =>
      EmbeddingSpaceMismatchError.isInstance(error),
    );
    expect(await other.count()).toBe(0);
  });

  it('names a source store that cannot list its rows', async () => {
    const source = await filledSource();
    const limited = createVectorStore({
      driver: Object.assign(new MemoryStoreDriver(), { readIds: undefined }),
      embedding,
    });
    await expect(copyCollection(limited, source.store)).rejects.toSatisfy(
      (error: unknown) =>
        NotSupportedError.isInstance(error) &&
        /memory store cannot list its rows/.test(String(error)),
    );
  });
});
