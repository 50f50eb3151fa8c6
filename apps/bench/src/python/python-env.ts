import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench app's root directory (where `python/` and `.venv/` live). */
export const benchRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What the virtualenv holds: pymilvus (MilvusClient), pymilvus-model (`pymilvus.model`, which
 * pulls transformers, onnxruntime and scipy for its other functions, but not torch),
 * Milvus Lite and tenacity (the tuned pymilvus row's retry helper). Pinned, so a re-run installs nothing.
 */
export const pythonRequirements = [
  'pymilvus==3.0.2',
  'pymilvus-model==0.3.4',
  'milvus-lite==3.2.2',
  'tenacity==9.2.1',
];

/** Path of the virtualenv's Python. */
export const venvPython = join(benchRoot, '.venv', 'bin', 'python');

/**
 * Creates `apps/bench/.venv` with `python3 -m venv` and installs `pythonRequirements` on first
 * use (a few minutes); later runs reuse it. Set `BENCH_PYTHON` to skip this and use another
 * interpreter that already has the packages.
 */
export async function ensurePythonEnv(log: (line: string) => void): Promise<string> {
  if (process.env.BENCH_PYTHON) return process.env.BENCH_PYTHON;
  const marker = join(benchRoot, '.venv', 'bench-requirements.txt');
  const wanted = pythonRequirements.join('\n');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return venvPython;
  log('Creating the Python virtualenv (apps/bench/.venv, first run only; a few minutes)…');
  if (!existsSync(venvPython)) {
    await run('python3', ['-m', 'venv', join(benchRoot, '.venv')]);
  }
  await run(venvPython, ['-m', 'pip', 'install', '--quiet', ...pythonRequirements]);
  writeFileSync(marker, wanted);
  return venvPython;
}

/** Runs a command to completion; rejects with its stderr tail when it fails. */
export function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-3000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr.trim()}`));
    });
  });
}
