import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a forked bench worker sent back, or why it did not. */
export type ChildOutcome<Result> =
  | { readonly kind: 'ok'; readonly result: Result }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'timedOut'; readonly afterMs: number };

/** Absolute path of a compiled module of this app, from its path relative to `dist/`. */
export function distModule(relativePath: string): string {
  return fileURLToPath(new URL(`../${relativePath}`, import.meta.url));
}

/**
 * Runs one bench worker (`dist/<module>`) in its own Node process, so each client's memory,
 * globals (a replaced dispatcher) and CPU time are its own. The worker receives `input` as its
 * first IPC message and answers once with `{ result }` or `{ error }`. After `timeoutMs` it is
 * killed and reported as timed out.
 */
export function runChild<Input, Result>(
  module: string,
  input: Input,
  options: { timeoutMs: number; nodeArguments?: string[] },
): Promise<ChildOutcome<Result>> {
  const child = fork(distModule(module), [], {
    execArgv: ['--expose-gc', ...(options.nodeArguments ?? [])],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  return settleChild<Result>(child, options.timeoutMs, (settle) => {
    child.on('message', (message: { result?: Result; error?: string }) => {
      if (message.error !== undefined) settle({ kind: 'failed', error: message.error });
      else settle({ kind: 'ok', result: message.result as Result });
    });
    child.on('exit', (code, signal) => {
      settle({
        kind: 'failed',
        error:
          `worker exited (${signal ?? code}) without a result. ${firstErrorLine(stderr)}`.trim(),
      });
    });
    child.send(input as object);
  });
}

/**
 * Resolves with the first outcome `watch` reports for `child`, or `timedOut` after `timeoutMs`;
 * either way a child still running is killed, so no bench process outlives its measurement.
 */
export function settleChild<Result>(
  child: ChildProcess,
  timeoutMs: number,
  watch: (settle: (outcome: ChildOutcome<Result>) => void) => void,
): Promise<ChildOutcome<Result>> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ChildOutcome<Result>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'timedOut', afterMs: timeoutMs }), timeoutMs);
    watch(settle);
  });
}

/**
 * The worker side of `runChild`: waits for the input, runs `work`, sends the result or the
 * error message, then lets the process exit.
 */
export function serveChild<Input, Result>(work: (input: Input) => Promise<Result>): void {
  process.once('disconnect', () => process.exit(1));
  process.once('message', async (input: Input) => {
    try {
      const result = await work(input);
      process.send?.({ result }, () => process.exit(0));
    } catch (error) {
      process.send?.({ error: describeError(error) }, () => process.exit(0));
    }
  });
}

/** The first line of a crashed worker's stderr that names an error, for a table cell. */
function firstErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  return lines.find((line) => /error|fatal/i.test(line)) ?? lines.find(Boolean) ?? '';
}

/** A one-line description of an error for the report: its class, message and cause. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`.replace(/\s+/g, ' ').slice(0, 300);
}
