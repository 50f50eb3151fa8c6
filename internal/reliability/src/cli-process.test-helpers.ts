import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The built `embedkit` command (`@embedkit/cli`'s `dist/cli.js`), run as a user runs it. */
export const cliPath = join(
  dirname(createRequire(import.meta.url).resolve('@embedkit/cli/package.json')),
  'dist/cli.js',
);

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The parent's environment without provider keys, store addresses and vitest's `NODE_ENV=test`
 * (which turns on the Milvus SDK's debug logging), plus `extra`.
 */
export function cliEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  delete environment.NODE_ENV;
  for (const name of ['JINA_API_KEY', 'JINAAI_API_KEY', 'OPENAI_API_KEY', 'MILVUS_URI']) {
    delete environment[name];
  }
  for (const name of ['MILVUS_TOKEN', 'EMBEDKIT_CONFIG', 'EMBEDKIT_PROVIDER']) {
    delete environment[name];
  }
  return { ...environment, ...extra };
}

/** Starts the CLI; `finished` resolves with its exit and everything it printed. */
export function startCli(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): { child: ChildProcess; finished: Promise<CliRun> } {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    env: cliEnvironment(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
  const finished = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, finished };
}

/** Runs the CLI to the end. */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliRun> {
  return startCli(args, options).finished;
}

/** Writes each text to its own file, `doc<NNNN>.txt`, in `directory`. */
export function writeCorpus(directory: string, texts: readonly string[]): void {
  mkdirSync(directory, { recursive: true });
  for (const [index, text] of texts.entries()) {
    writeFileSync(join(directory, `doc${String(index).padStart(4, '0')}.txt`), text);
  }
}

/** Resolves once `condition()` holds, checking every 20 ms. */
export async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
