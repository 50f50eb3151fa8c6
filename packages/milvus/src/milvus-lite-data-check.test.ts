import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashingEmbedding, createStoreRegistry, StoreError } from '@embedkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { milvusLiteStore } from './milvus-store-definitions.js';

const directory = mkdtempSync(join(tmpdir(), 'embedkit-lite-data-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A `milvus-lite` store on its own data path, as the CLI builds it. */
function liteStore(dbPath: string) {
  return createStoreRegistry([milvusLiteStore]).fromConfig(
    { kind: 'milvus-lite', dbPath, collection: 'docs' },
    { embedding: createHashingEmbedding({ dimensions: 16 }) },
  );
}

const documents = [
  { id: 'a', text: 'a first document' },
  { id: 'b', text: 'a second document' },
];

describe('Milvus Lite data checks', () => {
  it('a data folder deleted while the store uses it fails the next call, naming the path', async () => {
    const dbPath = join(directory, 'deleted.db');
    const store = liteStore(dbPath);
    try {
      await store.addDocuments(documents);
      rmSync(dbPath, { recursive: true, force: true });
      const error = await store.count().catch((caught: unknown) => caught);
      expect(StoreError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`data at ${dbPath} was deleted or replaced`);
    } finally {
      await store.close();
    }
  });

  it('a collection manifest Milvus Lite cannot read is refused, never counted as empty', async () => {
    const dbPath = join(directory, 'damaged.db');
    const first = liteStore(dbPath);
    await first.addDocuments(documents);
    await first.close();
    writeFileSync(join(dbPath, 'collections', 'docs', 'manifest.json'), '{"active_wal');
    const store = liteStore(dbPath);
    try {
      const error = await store.count().catch((caught: unknown) => caught);
      expect(StoreError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`data at ${dbPath} is damaged`);
      expect((error as Error).message).toContain('aside');
      expect((error as Error).message).not.toContain('127.0.0.1');
    } finally {
      await store.close();
    }
  });
});
