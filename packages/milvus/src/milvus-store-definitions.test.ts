import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Http2Server, type IncomingHttpHeaders } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createHashingEmbedding,
  createStoreRegistry,
  InvalidConfigError,
  StoreError,
} from '@embedkit/core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uniqueCollection } from './milvus-store.test-helpers.js';
import { milvusLiteStore, milvusStore } from './milvus-store-definitions.js';

const stores = createStoreRegistry([milvusLiteStore, milvusStore]);

/** Whether a process is running with `path` among its arguments (Milvus Lite's is its data path). */
function runsOn(path: string): boolean {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(path);
}
const embedding = createHashingEmbedding({ dimensions: 32 });

/** Runs `body` with environment variables set, restoring them afterwards. */
async function withEnvironment<T>(
  values: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

describe('Milvus store definitions', () => {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-milvus-definitions-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('accept the configs the CLI has always written, with its defaults', () => {
    expect(
      stores.check({
        kind: 'milvus-lite',
        path: '.embedkit/milvus.db',
        collection: 'embedkit_documents',
      }),
    ).toBeUndefined();
    expect(
      stores.check({
        kind: 'milvus',
        address: 'http://127.0.0.1:19530',
        tokenEnv: 'MILVUS_TOKEN',
        collection: 'docs',
      }),
    ).toBeUndefined();
    const lite = stores.fromConfig({ kind: 'milvus-lite' }, { embedding });
    expect(lite).toMatchObject({
      kind: 'milvus',
      collection: 'embedkit_documents',
      location: '.embedkit/milvus.db',
    });
    const server = stores.fromConfig(
      { kind: 'milvus', address: 'https://reader:hunter2@db.example:19530' },
      { embedding },
    );
    expect(server.collection).toBe('embedkit_documents');
    expect(server.location).toBe('https://db.example:19530');
  });

  it('refuse bad settings, listing every problem, and never take a token in a config', () => {
    const noAddress = stores.check({ kind: 'milvus', collection: 'has space' });
    expect(InvalidConfigError.isInstance(noAddress)).toBe(true);
    expect(noAddress?.issues.map((issue) => issue.path).sort()).toEqual(['address', 'collection']);

    const secret = stores.check({
      kind: 'milvus',
      address: '127.0.0.1:19530',
      token: 'root:very-secret-token',
    });
    expect(InvalidConfigError.isInstance(secret)).toBe(true);
    expect(secret?.message).toContain('token');
    expect(secret?.message).not.toContain('very-secret-token');

    const both = stores.check({ kind: 'milvus-lite', path: 'a.db', dbPath: 'b.db' });
    expect(both?.issues.map((issue) => issue.path)).toEqual(['path']);
    const tooLong = stores.check({ kind: 'milvus-lite', textMaxLength: 70_000 });
    expect(tooLong?.message).toMatch(/textMaxLength/);
    expect(() => stores.fromConfig({ kind: 'milvus-lite', metric: 'dot' }, { embedding })).toThrow(
      InvalidConfigError,
    );
  });

  it('milvus-lite starts Milvus Lite on its path even when MILVUS_URI is set, and close() stops it', async (context) => {
    if (process.env.MILVUS_URI) context.skip();
    const dbPath = join(directory, 'lite', 'milvus.db');
    const config = { kind: 'milvus-lite', dbPath, collection: 'from_config' };
    await withEnvironment({ MILVUS_URI: 'http://127.0.0.1:1' }, async () => {
      const first = stores.fromConfig(config, { embedding });
      await first.addDocuments([
        { id: 'fox', text: 'The red fox hunts mice at dawn.' },
        { id: 'milvus', text: 'Milvus is a vector database.' },
      ]);
      expect(await first.count()).toBe(2);
      expect(runsOn(dbPath)).toBe(true);
      await first.close();
      expect(runsOn(dbPath)).toBe(false);
      // The data is at dbPath: a second store started there reads it back.
      const second = stores.fromConfig(config, { embedding });
      try {
        expect((await second.ensureCollection()).created).toBe(false);
        expect((await second.get(['fox'])).map((document) => document.id)).toEqual(['fox']);
      } finally {
        await second.close();
      }
      const closed = await second.count().catch((caught: unknown) => caught);
      expect(StoreError.isInstance(closed)).toBe(true);
    });
  });

  it('milvus connects to the address and reads the token from the variable tokenEnv names', async () => {
    const collection = uniqueCollection('definition');
    const store = stores.fromConfig(
      { kind: 'milvus', address: inject('milvusAddress'), collection, fullText: false },
      { embedding },
    );
    try {
      await store.addDocuments([{ id: 'one', text: 'a document from a config' }]);
      expect(await store.count()).toBe(1);
      expect(await store.hybridSearch?.('document').catch((error: Error) => error.name)).toBe(
        'NotSupportedError',
      );
    } finally {
      await store.close();
    }

    // A stand-in server that records the request headers the SDK sends.
    const headers: IncomingHttpHeaders[] = [];
    const server: Http2Server = createServer();
    server.on('stream', (stream, requestHeaders) => {
      headers.push(requestHeaders);
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' },
        {
          endStream: true,
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await withEnvironment(
        { EMBEDKIT_TEST_MILVUS_TOKEN: 'root:named-token', MILVUS_TOKEN: 'root:default-token' },
        async () => {
          const named = stores.fromConfig(
            {
              kind: 'milvus',
              address: `http://127.0.0.1:${port}`,
              tokenEnv: 'EMBEDKIT_TEST_MILVUS_TOKEN',
              connectTimeoutMs: 3000,
            },
            { embedding },
          );
          await named.count().catch(() => {});
          await named.close();
        },
      );
    } finally {
      server.close();
    }
    const sent = headers.map((request) => String(request.authorization ?? '')).filter(Boolean);
    expect(sent.length).toBeGreaterThan(0);
    const decoded = sent.map((value) => Buffer.from(value, 'base64').toString('utf8'));
    expect(decoded.every((value) => value === 'root:named-token')).toBe(true);
  });
});
