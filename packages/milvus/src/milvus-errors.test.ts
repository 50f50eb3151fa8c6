import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashingEmbedding, StoreError } from '@embedkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createMilvusStore } from './milvus-store.js';
import { startMilvusLite } from './start-milvus-lite.js';

const embedding = createHashingEmbedding({ dimensions: 32 });

describe('Milvus faults', () => {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-milvus-faults-'));
  const sockets: Server[] = [];
  afterAll(() => {
    for (const server of sockets) server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('fails with a retryable StoreError naming the address when nothing listens', async () => {
    const store = createMilvusStore({ embedding, address: '127.0.0.1:1', connectTimeoutMs: 5000 });
    const error = await store.count().catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as StoreError).isRetryable).toBe(true);
    expect((error as Error).message).toContain('127.0.0.1:1');
    await store.close();
  });

  it('gives up after connectTimeoutMs on a server that accepts but never answers', async () => {
    const silent = createServer(() => {});
    sockets.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const store = createMilvusStore({
      embedding,
      address: `127.0.0.1:${port}`,
      connectTimeoutMs: 1500,
    });
    const error = await store.addDocuments([{ text: 'never stored' }]).catch((caught) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*1500 ms`));
    await store.close();
  });

  it('reports what was stored when Milvus stops mid-ingest; re-running completes it once', async () => {
    const dbPath = join(directory, 'ingest', 'milvus.db');
    const documents = Array.from({ length: 3000 }, (_, index) => ({
      text: `ingest document ${index} with words w${index % 31} and v${index % 17}`,
    }));
    const first = await startMilvusLite({ dbPath });
    const store = createMilvusStore({
      embedding,
      collection: 'interrupted',
      address: first.address,
      timeoutMs: 5000,
    });
    let stopping: Promise<void> | undefined;
    const error = await store
      .addDocuments(documents, {
        batchSize: 500,
        onProgress: (progress) => {
          if (progress.stored >= 1000) stopping ??= first.stop();
        },
      })
      .catch((caught: unknown) => caught);
    await stopping;
    await store.close();
    expect(StoreError.isInstance(error)).toBe(true);
    const storedIds = (error as StoreError).storedIds;
    expect(storedIds.length).toBeGreaterThanOrEqual(1000);
    expect(storedIds.length).toBeLessThan(3000);
    expect((error as Error).message).toMatch(/Re-running the same ingest/);

    const second = await startMilvusLite({ dbPath });
    const resumed = createMilvusStore({
      embedding,
      collection: 'interrupted',
      address: second.address,
    });
    try {
      expect(await resumed.get(storedIds.slice(0, 5))).toHaveLength(5);
      const ids = await resumed.addDocuments(documents, { batchSize: 500 });
      expect(ids.slice(0, storedIds.length)).toEqual(storedIds);
      expect(await resumed.count()).toBe(3000);
    } finally {
      await resumed.close();
      await second.stop();
    }
  });
});
