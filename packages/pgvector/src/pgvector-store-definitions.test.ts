import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createHashingEmbedding,
  createStoreRegistry,
  InvalidConfigError,
  memoryStore,
} from '@embedkit/core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPgvectorStore } from './pgvector-store.js';
import { pgliteDirectory, uniqueCollection } from './pgvector-store.test-helpers.js';
import { pgliteStore, postgresStore } from './pgvector-store-definitions.js';

describe('pgvector store kinds', () => {
  const stores = createStoreRegistry([memoryStore, pgliteStore, postgresStore]);
  const embedding = createHashingEmbedding({ dimensions: 16 });
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const store of opened) await store.close();
  });

  it('pglite: keeps its data in path, and a new store on the path finds it', async () => {
    const path = pgliteDirectory('embedkit-pglite-kinds-');
    const first = stores.fromConfig({ kind: 'pglite', path, collection: 'notes' }, { embedding });
    expect(first.kind).toBe('pglite');
    expect(first.engine).toBe('PGlite (PostgreSQL + pgvector in this process)');
    expect(first.location).toBe(path);
    await first.addDocuments([{ id: 'kept', text: 'survives a restart' }]);
    await first.close();
    expect(existsSync(join(path, 'PG_VERSION'))).toBe(true);
    const second = stores.fromConfig({ kind: 'pglite', path, collection: 'notes' }, { embedding });
    opened.push(second);
    expect(await second.get(['kept'])).toEqual([
      { id: 'kept', text: 'survives a restart', metadata: {} },
    ]);
  });

  it('pglite: defaults to .embedkit/pglite and the collection embedkit_documents', () => {
    const store = stores.fromConfig({ kind: 'pglite' }, { embedding });
    expect(store.location).toBe('.embedkit/pglite');
    expect(store.collection).toBe('embedkit_documents');
  });

  it('postgres: reads the connection string from the variable connectionStringEnv names', async () => {
    process.env.EMBEDKIT_TEST_PG_URL = inject('postgresUrl');
    const store = stores.fromConfig(
      {
        kind: 'postgres',
        connectionStringEnv: 'EMBEDKIT_TEST_PG_URL',
        collection: uniqueCollection(),
      },
      { embedding },
    );
    opened.push(store);
    expect(store.kind).toBe('postgres');
    expect(store.engine).toBe('PostgreSQL + pgvector server');
    expect(store.location).toMatch(/^postgres:\/\/127\.0\.0\.1:\d+\/postgres$/);
    await store.addDocuments([{ id: 'a', text: 'on the server' }]);
    expect(await store.count()).toBe(1);
  });

  it('postgres: DATABASE_URL by default, and a clear error when it is not set', async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const store = stores.fromConfig({ kind: 'postgres' }, { embedding });
      expect(store.location).toBe('$DATABASE_URL');
      const error = await store.count().catch((caught: unknown) => caught);
      expect(InvalidConfigError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('DATABASE_URL is not set');
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it('postgres: shows host, port and database only, and refuses a password in a config', () => {
    process.env.EMBEDKIT_TEST_SECRET_URL =
      'postgresql://app:s3cret-pass@db.example:6543/rag?sslmode=require';
    const store = stores.fromConfig(
      { kind: 'postgres', connectionStringEnv: 'EMBEDKIT_TEST_SECRET_URL' },
      { embedding },
    );
    expect(store.location).toBe('postgres://db.example:6543/rag');
    expect(JSON.stringify(store)).not.toContain('s3cret-pass');
    expect(() =>
      stores.fromConfig(
        { kind: 'postgres', connectionString: 'postgres://app:s3cret-pass@db.example/rag' },
        { embedding },
      ),
    ).toThrow(/must not hold a password/);
    const withoutPassword = stores.fromConfig(
      { kind: 'postgres', connectionString: 'postgres://app@db.example:5433/rag' },
      { embedding },
    );
    expect(withoutPassword.location).toBe('postgres://db.example:5433/rag');
  });

  it('checks settings strictly, listing every problem', () => {
    expect(() =>
      stores.fromConfig({ kind: 'pglite', pth: 'x', metric: 'dot' }, { embedding }),
    ).toThrow(InvalidConfigError);
    expect(() =>
      stores.fromConfig({ kind: 'postgres', textSearchConfig: "english'; --" }, { embedding }),
    ).toThrow(/textSearchConfig/);
    expect(() =>
      createPgvectorStore({
        embedding,
        connectionString: 'postgres://a@b/c',
        connectionStringEnv: 'X',
      }),
    ).toThrow(/not both/);
  });
});
