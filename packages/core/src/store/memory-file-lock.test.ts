import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../errors/store-error.js';
import { createHashingEmbedding } from '../hashing/create-hashing-embedding.js';
import { loadMemorySnapshot } from './memory-snapshot.js';
import { MemoryVectorStore } from './memory-vector-store.js';

const embedding = createHashingEmbedding({ dimensions: 16 });
const folders: string[] = [];
const scratch = () => {
  const folder = mkdtempSync(join(tmpdir(), 'embedkit-lock-'));
  folders.push(folder);
  return join(folder, 'store.json');
};
/** The pid of a process that has exited, so its lock is stale. */
const deadPid = () => Number(execFileSync(process.execPath, ['-e', 'console.log(process.pid)']));

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('memory store file lock', () => {
  it('holds <path>.lock from the first write until close, and a reader never takes it', async () => {
    const path = scratch();
    const writer = new MemoryVectorStore({ embedding, path });
    await writer.addDocuments([{ id: 'a', text: 'alpha' }]);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await writer.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const reader = new MemoryVectorStore({ embedding, path });
    expect(await reader.search('alpha')).toHaveLength(1);
    expect(existsSync(`${path}.lock`)).toBe(false);
    await reader.close();
  });

  it('makes a second writer wait, then keeps the rows the first one saved meanwhile', async () => {
    const path = scratch();
    // Another live process (the test runner's parent) holds the lock.
    writeFileSync(`${path}.lock`, String(process.ppid));
    const second = new MemoryVectorStore({ embedding, path, collection: 'docs' });
    const adding = second.addDocuments([{ id: 'second', text: 'second writer' }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The first writer saves its rows and releases the lock.
    const first = new MemoryVectorStore({ embedding, collection: 'docs' });
    await first.addDocuments([{ id: 'first', text: 'first writer' }]);
    const { saveMemorySnapshot } = await import('./memory-snapshot.js');
    saveMemorySnapshot(first.database, path);
    rmSync(`${path}.lock`);
    await adding;
    await second.close();
    const rows = loadMemorySnapshot(path).collections.get('docs')!.rows;
    expect([...rows.keys()].sort()).toEqual(['first', 'second']);
  });

  it('fails clearly when the other writer holds the lock past lockTimeoutMs', async () => {
    const path = scratch();
    writeFileSync(`${path}.lock`, String(process.ppid));
    const store = new MemoryVectorStore({ embedding, path, lockTimeoutMs: 200 });
    const error = await store
      .addDocuments([{ text: 'waits in vain' }])
      .catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      `is being written by another process (pid ${process.ppid}, lock file ${path}.lock)`,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('takes over the lock of a process that is gone (killed mid-write)', async () => {
    const path = scratch();
    writeFileSync(`${path}.lock`, String(deadPid()));
    const store = new MemoryVectorStore({ embedding, path, lockTimeoutMs: 200 });
    await store.addDocuments([{ text: 'after a crash' }]);
    await store.close();
    expect(await new MemoryVectorStore({ embedding, path }).count()).toBe(1);
  });

  it('names the file and what to do when it is damaged or of the wrong shape', () => {
    const path = scratch();
    for (const content of ['{nope', '{"version":1,"collections":{"docs":{"rows":5}}}']) {
      writeFileSync(path, content);
      expect(() => loadMemorySnapshot(path)).toThrow(
        new RegExp(
          `The memory store file ${path} cannot be read .*move it away to start an empty store`,
        ),
      );
    }
  });
});
