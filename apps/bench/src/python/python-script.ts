import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type ChildOutcome, settleChild } from '../harness/child-process.js';
import { benchRoot } from './python-env.js';

/**
 * Runs `python/<script>` with `args` and parses the last line it prints as JSON. Killed and
 * reported as timed out after `timeoutMs`.
 */
export function runPythonScript<Result>(
  python: string,
  script: string,
  args: string[],
  timeoutMs: number,
): Promise<ChildOutcome<Result>> {
  const child = spawn(python, [join(benchRoot, 'python', script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRANSFORMERS_VERBOSITY: 'error', TOKENIZERS_PARALLELISM: 'false' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  return settleChild<Result>(child, timeoutMs, (settle) => {
    child.on('error', (error) => settle({ kind: 'failed', error: error.message }));
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        settle({ kind: 'ok', result: JSON.parse(last) as Result });
      } catch {
        settle({
          kind: 'failed',
          error: `${script} exited (${code}) without a result: ${stderr.trim().split('\n').at(-1) ?? ''}`,
        });
      }
    });
  });
}
