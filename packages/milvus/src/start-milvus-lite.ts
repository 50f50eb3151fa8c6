import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '@embedkit/core';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { milvusLiteScript } from './milvus-lite-script.js';
import { sdkAddress } from './sdk-address.js';

export interface StartMilvusLiteOptions {
  /** Milvus Lite's data location (a directory for Milvus Lite 3, a file for 2.x); created if missing. */
  dbPath: string;
  /** The Python interpreter with `milvus-lite` installed. Default: `MILVUS_LITE_PYTHON`, else `python3`. */
  python?: string;
  /** How long to wait for the server to answer, in milliseconds. Default 60,000. */
  startTimeoutMs?: number;
}

/** A running Milvus Lite server owned by this Node process. */
export interface MilvusLiteServer {
  /** Pass as `address` to `createMilvusStore` or `new MilvusClient({ address })`. */
  readonly address: string;
  /** Absolute data path. */
  readonly dbPath: string;
  /** Milvus Lite's version, e.g. `3.2.2`. */
  readonly version: string;
  /** Process id of the Python process serving it. */
  readonly pid: number;
  /** The end of the server's own log (its last 4,000 characters): how damaged data is noticed. */
  log(): string;
  /** Stops the server and waits for the Python process to exit. Safe to call twice. */
  stop(): Promise<void>;
}

const installHint = (python: string) => `${python} -m pip install "milvus-lite==3.2.2" pymilvus`;

/**
 * Starts Milvus Lite (PyPI `milvus-lite`) in a child Python process and resolves once the server
 * answers. The embedded default for development and tests: no Docker, one data path per server.
 *
 * The child is stopped by `stop()`, when this Node process exits, and — because it watches its
 * stdin — even when this process is killed. It does not keep Node running on its own.
 *
 * Fails with a `StoreError` naming the fix when Python or `milvus-lite` is missing.
 *
 * @example
 * const lite = await startMilvusLite({ dbPath: './data/milvus.db' });
 * const store = createMilvusStore({ embedding, address: lite.address });
 * // … later
 * await store.close();
 * await lite.stop();
 */
export async function startMilvusLite(options: StartMilvusLiteOptions): Promise<MilvusLiteServer> {
  const python = options.python ?? process.env.MILVUS_LITE_PYTHON ?? 'python3';
  const dbPath = resolve(options.dbPath);
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  mkdirSync(dirname(dbPath), { recursive: true });
  const child = spawn(python, ['-c', milvusLiteScript, dbPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = () => stopChild(child, killOnExit);

  try {
    const line = await firstLine(child, deadline, python, () => stderr);
    const started = interpretLine(line, python, dbPath, () => stderr);
    const address = sdkAddress(started.uri);
    await waitUntilAnswering(address, deadline);
    for (const stream of [child, child.stdin, child.stdout, child.stderr]) {
      (stream as { unref?: () => void }).unref?.();
    }
    return {
      address,
      dbPath,
      version: started.version,
      pid: child.pid!,
      log: () => stderr,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function firstLine(
  child: ChildProcess,
  deadline: number,
  python: string,
  stderr: () => string,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () =>
        fail(
          new StoreError({
            store: 'milvus-lite',
            message: `Milvus Lite did not start within the timeout. Output: ${stderr().trim() || '(none)'}`,
          }),
        ),
      Math.max(0, deadline - Date.now()),
    );
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('error', onError);
      child.off('exit', onExit);
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline === -1) return;
      cleanup();
      resolvePromise(buffered.slice(0, newline));
    };
    const onError = (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT';
      fail(
        new StoreError({
          store: 'milvus-lite',
          message: missing
            ? `Could not start Milvus Lite: the Python interpreter "${python}" was not found. Install Python 3.10+ and run \`${installHint(python)}\`, or pass { python: "/path/to/python3" } (or set MILVUS_LITE_PYTHON).`
            : `Could not start Milvus Lite with "${python}": ${error.message}.`,
          cause: error,
        }),
      );
    };
    const onExit = (code: number | null) => {
      // Give a last stdout chunk the chance to arrive first.
      setImmediate(() =>
        fail(
          new StoreError({
            store: 'milvus-lite',
            message: `Milvus Lite exited (code ${code}) before it started. Output: ${stderr().trim() || '(none)'}`,
          }),
        ),
      );
    };
    child.stdout?.on('data', onData);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

function interpretLine(
  line: string,
  python: string,
  dbPath: string,
  stderr: () => string,
): { uri: string; version: string } {
  let message: { uri?: string; version?: string; error?: string; detail?: string };
  try {
    message = JSON.parse(line);
  } catch {
    message = { error: 'start-failed', detail: line };
  }
  if (message.uri) return { uri: message.uri, version: message.version ?? 'unknown' };
  const detail = message.detail ?? '';
  const output = stderr();
  if (/DataDirLockedError|another process holds the lock/.test(output)) {
    throw new StoreError({
      store: 'milvus-lite',
      message: `Milvus Lite's data at ${dbPath} is in use by another process (another embedkit run, or a program using Milvus Lite, holds its lock). Wait until it has finished, or give this run another data path.`,
    });
  }
  const text =
    message.error === 'missing-milvus-lite'
      ? `Milvus Lite is not installed for "${python}" (${detail}). Run \`${installHint(python)}\`.`
      : message.error === 'missing-pymilvus'
        ? `Milvus Lite ${message.version} needs pymilvus for its gRPC server, and pymilvus is not installed for "${python}" (${detail}). Run \`${python} -m pip install pymilvus\`.`
        : `Milvus Lite could not start on ${dbPath}: ${detail}. ${lastLine(output)}If the data there is damaged, move ${dbPath} aside (or delete it) and index again to rebuild it.`;
  throw new StoreError({ store: 'milvus-lite', message: text });
}

/** The last line of a Python log (the exception of a traceback), as a sentence, or nothing. */
function lastLine(output: string): string {
  const line = output.trim().split('\n').at(-1)?.trim();
  return line ? `Milvus Lite said: ${line}. ` : '';
}

async function waitUntilAnswering(address: string, deadline: number): Promise<void> {
  const client = new MilvusClient({
    address,
    timeout: 2000,
    maxRetries: 0,
    __SKIP_CONNECT__: true,
  });
  try {
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        const health = await client.checkHealth();
        if (health.isHealthy !== false) return;
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
    }
    throw new StoreError({
      store: 'milvus-lite',
      message: `Milvus Lite started at ${address} but did not answer before the timeout.`,
      cause: lastError,
    });
  } finally {
    await client.closeConnection().catch(() => {});
  }
}

async function stopChild(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.off('exit', killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  // The child was unref'd so it never keeps Node alive on its own; while stopping it, it must:
  // otherwise, once the SIGKILL timer has fired, nothing holds the event loop open and Node ends
  // before the exit event with the caller's await unsettled (exit code 13). Milvus Lite takes
  // longer than the 5 s to close after a big ingest (87,832 rows: over 30 s); its data is on disk
  // by then (after such a kill all 87,832 rows were there), so the kill costs nothing.
  child.ref();
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
