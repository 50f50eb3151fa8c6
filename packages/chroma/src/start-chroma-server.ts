import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { StoreError } from '@embedkit/core';
import { chromaStoreKind } from './chroma-errors.js';

export interface StartChromaServerOptions {
  /** Where the server keeps its data (`chroma run --path`). */
  path: string;
  /** Port on 127.0.0.1; default a free one. */
  port?: number;
  /**
   * A `chroma` executable to run. Default: the Python package's CLI through `python` (the npm
   * `chromadb` package installs a `chroma` of its own into `node_modules/.bin`, which would shadow
   * the Python one on a package script's PATH).
   */
  command?: string;
  /** The Python that has `pip install chromadb`; used when `command` is not given. Default `python3`. */
  python?: string;
  /** How long to wait for the first heartbeat, in milliseconds. Default 30 000. */
  startTimeoutMs?: number;
}

/** A running Chroma server: its URL, and how to stop it. */
export interface ChromaServer {
  /** `http://127.0.0.1:<port>`, for the store's `url`. */
  readonly url: string;
  /** Stops the server and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a local Chroma server (`chroma run --path … --host 127.0.0.1 --port …`) and resolves
 * once it answers its heartbeat. Meant for tests and local development; telemetry is off
 * (`ANONYMIZED_TELEMETRY=False`), and nothing is downloaded since embedkit never asks Chroma to
 * embed.
 */
export async function startChromaServer(options: StartChromaServerOptions): Promise<ChromaServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const runArguments = [
    'run',
    '--path',
    options.path,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
  ];
  const command = options.command ?? options.python ?? 'python3';
  const commandArguments = options.command ? runArguments : ['-c', pythonCli, ...runArguments];
  const child = spawn(command, commandArguments, {
    env: { ...process.env, ANONYMIZED_TELEMETRY: 'False', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(url))) {
    if (spawnError || child.exitCode !== null || Date.now() > deadline) {
      await stopProcess(child, exited);
      const reason = spawnError
        ? `could not run "${command}" (${spawnError.message}); install Chroma with pip install chromadb`
        : child.exitCode !== null
          ? `it exited with code ${child.exitCode}`
          : 'it did not answer its heartbeat in time';
      throw new StoreError({
        store: chromaStoreKind,
        message: `Could not start a Chroma server on ${url}: ${reason}. Its output: ${output.trim().slice(-1000) || '(none)'}`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => stopProcess(child, exited) };
}

/** Runs the Python package's `chroma` CLI, as its console script does. */
const pythonCli =
  "import sys; sys.argv[0] = 'chroma'; from chromadb.cli.cli import app; sys.exit(app())";

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
