import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, cliEnvironment, cliPath } from './cli-process.test-helpers.js';

/** The store flags every ingest case runs with: offline hashing, a memory store in a file. */
export const memoryStoreFlags = [
  '--provider',
  'hashing',
  '--store',
  'memory',
  '--store-path',
  'store.json',
];

/** The user id of `nobody`: root reads every file, so permission cases run the CLI as nobody. */
export const nobody = 65_534;

/** A scratch folder any user may write to (the permission cases run the CLI as nobody). */
export function scratchFolder(): string {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-cli-ingest-'));
  chmodSync(directory, 0o777);
  return directory;
}

/** Starts the built CLI in `cwd`, optionally as another user. */
export function startCliAs(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; uid?: number; timeoutMs?: number },
): { child: ChildProcess; finished: Promise<CliRun>; output: () => CliRun } {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    env: cliEnvironment(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  const run: CliRun = { code: null, signal: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => (run.stdout += chunk));
  child.stderr?.on('data', (chunk) => (run.stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const finished = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...run, code, signal });
    });
  });
  return { child, finished, output: () => run };
}

/** Runs `embedkit index …` (or any command) to the end with the memory-store flags. */
export function indexWith(
  cwd: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; uid?: number; flags?: readonly string[] } = {},
): Promise<CliRun> {
  return startCliAs([...(options.flags ?? memoryStoreFlags), ...args], { cwd, ...options })
    .finished;
}

/** How many chunks the memory store in `cwd` holds, as `embedkit info --json` says. */
export async function storedCount(
  cwd: string,
  flags: readonly string[] = memoryStoreFlags,
  env?: NodeJS.ProcessEnv,
): Promise<number> {
  const run = await startCliAs([...flags, 'info', '--json'], { cwd, env }).finished;
  if (run.code !== 0) throw new Error(`embedkit info failed: ${run.stderr}`);
  return JSON.parse(run.stdout).count as number;
}

/** The `embedkit:` lines a run printed to stderr (errors and warnings), joined. */
export function embedkitLines(run: CliRun, pattern?: RegExp): string {
  return run.stderr
    .split('\n')
    .filter((line) => line.startsWith('embedkit:') && (!pattern || pattern.test(line)))
    .join(' ');
}
