import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createHashingEmbedding, StoreError } from '@embedkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteVecStore } from './sqlite-vec-store.js';
import { temporaryDirectory } from './sqlite-vec-store.test-helpers.js';

const directory = temporaryDirectory('sqlite-vec-concurrency');
const embedding = createHashingEmbedding({ dimensions: 8 });

/**
 * Another process that takes the file's write lock with SQLite's own client (better-sqlite3)
 * and holds it until told on stdin, or for `holdMs`. Resolves once the lock is held.
 */
async function lockInAnotherProcess(path: string, holdMs?: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const database = new Database(process.argv[1]);
    database.exec('BEGIN IMMEDIATE');
    database.prepare("INSERT INTO documents (id, text, metadata, vector) VALUES ('other', 'from the other process', '{}', zeroblob(32))").run();
    const release = () => { database.exec('COMMIT'); database.close(); process.exit(0); };
    process.stdin.on('data', release);
    if (process.argv[2]) setTimeout(release, Number(process.argv[2]));
    process.stdout.write('locked\\n');
  `;
  const child = spawn(process.execPath, ['-e', script, path, ...(holdMs ? [String(holdMs)] : [])], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  await once(child.stdout!, 'data');
  return child;
}
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe('sqlite-vec store shared by processes', () => {
  it('waits for another process to release its write lock (busyTimeoutMs), then writes', async () => {
    const path = join(directory, 'waits.sqlite');
    const store = createSqliteVecStore({ embedding, path, busyTimeoutMs: 30_000 });
    try {
      await store.ensureCollection();
      const child = await lockInAnotherProcess(path, 300);
      // Readers never wait for a writer in WAL mode: the other process's row is not committed yet.
      expect(await store.count()).toBe(0);
      await store.addDocuments([{ id: 'mine', text: 'from this process' }]);
      expect(child.exitCode === null || child.exitCode === 0).toBe(true);
      expect((await store.get(['other', 'mine'])).map((document) => document.id)).toEqual([
        'other',
        'mine',
      ]);
    } finally {
      await store.close();
    }
  });

  it('fails with a retryable StoreError naming busyTimeoutMs when the lock outlasts it', async () => {
    const path = join(directory, 'fails.sqlite');
    const store = createSqliteVecStore({ embedding, path, busyTimeoutMs: 0 });
    try {
      await store.ensureCollection();
      const child = await lockInAnotherProcess(path);
      const error = await store
        .addDocuments([{ id: 'mine', text: 'from this process' }])
        .catch((caught: unknown) => caught);
      expect(StoreError.isInstance(error)).toBe(true);
      expect((error as StoreError).isRetryable).toBe(true);
      expect((error as Error).message).toContain('busyTimeoutMs');
      child.stdin!.write('release\n');
      await once(child, 'exit');
      await store.addDocuments([{ id: 'mine', text: 'from this process' }]);
      expect(await store.count()).toBe(2);
    } finally {
      await store.close();
    }
  });
});
