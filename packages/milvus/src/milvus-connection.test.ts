import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashingEmbedding, StoreError } from '@embedkit/core';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openMilvusConnection } from './milvus-connection.js';
import { createMilvusStore } from './milvus-store.js';
import { milvusDriverSettings } from './milvus-store-settings.js';

describe('Milvus connection', () => {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-milvus-connection-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('starts Milvus Lite on dbPath when no address is configured, and stops it on close', async (context) => {
    if (process.env.MILVUS_URI) context.skip();
    const settings = milvusDriverSettings.parse({ dbPath: join(directory, 'embedded.db') });
    const connection = await openMilvusConnection({ settings });
    expect((await connection.client.getVersion()).version).toContain('milvus_lite');
    await connection.close();
    const probe = new MilvusClient({ address: connection.address, timeout: 2000, maxRetries: 0 });
    probe.connectPromise?.catch(() => {});
    const error = await probe.getVersion().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    await probe.closeConnection();
  });

  it('uses an injected client and leaves it open when the store closes', async () => {
    const client = new MilvusClient({ address: inject('milvusAddress') });
    const store = createMilvusStore({
      embedding: createHashingEmbedding({ dimensions: 16 }),
      collection: `injected_${process.pid}_${Date.now()}`,
      client,
    });
    await store.addDocuments([{ text: 'injected clients work' }]);
    await store.close();
    expect((await client.hasCollection({ collection_name: store.collection })).value).toBe(true);
    const closed = await store.count().catch((caught: unknown) => caught);
    expect(StoreError.isInstance(closed)).toBe(true);
    expect((closed as Error).message).toContain('closed');
    await client.closeConnection();
  });
});
