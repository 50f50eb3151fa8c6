import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashingEmbedding, type EmbeddingFunction } from '@embedkit/core';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createPgvectorStore, type PgvectorVectorStore } from './pgvector-store.js';
import type { PgvectorStoreOptions } from './pgvector-store-settings.js';

let counter = 0;

/** A table name no other test uses. */
export function uniqueCollection(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${Date.now()}_${counter++}`;
}

/** A temporary directory, removed after the file's tests. */
export function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/**
 * A fresh PGlite data directory (pgvector already created), copied from the global setup's
 * template: a copy opens in about a second, a new directory runs initdb for several.
 */
export function pgliteDirectory(prefix: string): string {
  const directory = join(temporaryDirectory(prefix), 'pglite');
  cpSync(inject('pgliteTemplate'), directory, { recursive: true });
  return directory;
}

/** A pool on the test server (the global setup's PostgreSQL), ended after the file's tests. */
export function testPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: inject('postgresUrl'), max: 4 });
  afterAll(() => pool.end());
  return pool;
}

/**
 * Stores on the test server, each on a fresh table unless one is given, all closed after the
 * file's tests.
 */
export function serverStores() {
  const opened: PgvectorVectorStore[] = [];
  afterAll(async () => {
    for (const store of opened) await store.close();
  });
  return (
    options: Partial<PgvectorStoreOptions> & { embedding?: EmbeddingFunction } = {},
  ): PgvectorVectorStore => {
    const store = createPgvectorStore({
      embedding: createHashingEmbedding({ dimensions: 64 }),
      collection: uniqueCollection(),
      ...(options.pool || options.pglite || options.connectionStringEnv
        ? {}
        : { connectionString: inject('postgresUrl') }),
      ...options,
    });
    opened.push(store);
    return store;
  };
}
