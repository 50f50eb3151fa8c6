import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StoreError } from '@embedkit/core';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { afterAll, describe, expect, it } from 'vitest';
import { milvusLiteScript } from './milvus-lite-script.js';
import { startMilvusLite } from './start-milvus-lite.js';

const directory = mkdtempSync(join(tmpdir(), 'embedkit-start-lite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exitOf(pid: number): Promise<void> {
  // Polls rather than times: the test only cares that the process ends.
  while (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('startMilvusLite', () => {
  it('starts a server that answers, and stop() ends its Python process', async () => {
    const server = await startMilvusLite({ dbPath: join(directory, 'answers', 'milvus.db') });
    expect(server.version).toMatch(/^\d+\.\d+/);
    const client = new MilvusClient({ address: server.address });
    const version = await client.getVersion();
    expect(version.version).toContain(server.version);
    await client.closeConnection();
    expect(isRunning(server.pid)).toBe(true);
    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
    await server.stop();
  });

  it('names the fix when the Python interpreter is missing', async () => {
    const error = await startMilvusLite({
      dbPath: join(directory, 'no-python', 'milvus.db'),
      python: 'python-that-does-not-exist',
    }).catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('"python-that-does-not-exist" was not found');
    expect((error as Error).message).toContain('pip install "milvus-lite');
  });

  it('names the fix when milvus-lite is not installed', async () => {
    // A Python that ignores site-packages cannot import milvus_lite.
    const python = join(directory, 'python-without-packages');
    writeFileSync(python, '#!/bin/sh\nexec python3 -S "$@"\n');
    chmodSync(python, 0o755);
    const error = await startMilvusLite({
      dbPath: join(directory, 'no-module', 'milvus.db'),
      python,
    }).catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('Milvus Lite is not installed');
    expect((error as Error).message).toContain('-m pip install "milvus-lite==3.2.2" pymilvus');
  });

  it('names the fix when Milvus Lite 3 lacks pymilvus', async () => {
    // A pymilvus that cannot be imported, placed ahead of the real one.
    const shadow = join(directory, 'shadow', 'pymilvus');
    mkdirSync(shadow, { recursive: true });
    writeFileSync(join(shadow, '__init__.py'), 'raise ImportError("pymilvus is shadowed")\n');
    const python = join(directory, 'python-without-pymilvus');
    writeFileSync(python, `#!/bin/sh\nPYTHONPATH="${dirname(shadow)}" exec python3 "$@"\n`);
    chmodSync(python, 0o755);
    const error = await startMilvusLite({
      dbPath: join(directory, 'no-pymilvus', 'milvus.db'),
      python,
    }).catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('needs pymilvus');
    expect((error as Error).message).toContain('-m pip install pymilvus');
  });

  it('refuses a data path another process holds in one line naming the path', async () => {
    const dbPath = join(directory, 'held', 'milvus.db');
    const holder = await startMilvusLite({ dbPath });
    try {
      const error = await startMilvusLite({ dbPath }).catch((caught: unknown) => caught);
      expect(StoreError.isInstance(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain(`data at ${dbPath} is in use by another process`);
      expect(message).not.toContain('Traceback');
      expect(message).not.toContain('\n');
    } finally {
      await holder.stop();
    }
  });

  it('stop() settles, and Node waits for it, when Milvus Lite is too slow to close', async () => {
    // A stopped (SIGSTOP) server cannot close on SIGTERM, as one busy closing a big collection
    // does not in time: stop() kills it after its grace and must still settle in a process with
    // nothing else to do (it once ended Node with the await unsettled, exit code 13).
    const module = new URL('../dist/start-milvus-lite.js', import.meta.url).href;
    const script = [
      `import { startMilvusLite } from ${JSON.stringify(module)};`,
      `const lite = await startMilvusLite({ dbPath: ${JSON.stringify(join(directory, 'slow-close', 'm.db'))} });`,
      "process.kill(lite.pid, 'SIGSTOP');",
      'await lite.stop();',
      "console.log('stopped');",
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output.split('\n')).toContain('stopped');
    expect(code).toBe(0);
  }, 60_000);

  it('the Python side stops when its stdin closes, so a killed Node process leaves nothing', async () => {
    const child = spawn('python3', ['-c', milvusLiteScript, join(directory, 'orphan', 'm.db')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    expect(JSON.parse(line)).toHaveProperty('uri');
    child.stdin.end();
    await exitOf(child.pid!);
    expect(child.exitCode ?? child.signalCode).not.toBeNull();
  });
});
