import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distModule } from '../harness/child-process.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { formatMiB, formatNumber } from '../report-table.js';
import { syntheticCorpus } from '../synthetic-corpus.js';

/** Peak RSS the issue allows (300 MB, decimal) for one 50 MB text file, hashing, a store on disk. */
const peakTarget = 300 * 1000 * 1000;
const fullBytes = 50 * 1024 * 1024;

/** What one `embedkit index` run of the big file printed and used. */
interface BigFileRun {
  code: number | null;
  peakRss?: number;
  summary?: { storedChunks: number; seconds: number };
  progressLines: number;
  stderr: string;
}

/**
 * "Big file": one synthetic text file of 50 MB (5 MB with `--quick`), generated at run time in a
 * temporary folder, indexed by the built `embedkit` CLI as a user runs it (hashing provider,
 * sqlite-vec store), with the CLI's peak RSS read from getrusage at its exit. The target
 * is ≤ 300 MB for 50 MB: the CLI must stream the file in bounded batches, not hold it.
 */
export async function bigFile(
  scale: BenchScale,
  _python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const bytes = scale.quick ? fullBytes / 10 : fullBytes;
  const folder = mkdtempSync(join(tmpdir(), 'embedkit-bench-big-file-'));
  try {
    writeSyntheticText(join(folder, 'big.txt'), bytes);
    const size = statSync(join(folder, 'big.txt')).size;
    log(`big file: ${formatMiB(size)} of synthetic text; indexing into sqlite-vec…`);
    const run = await indexBigFile(folder, scale.quick ? 60_000 : 240_000);
    const completed = run.code === 0 && run.summary !== undefined && run.peakRss !== undefined;
    const row: Record<string, Cell> = {
      client: 'embedkit CLI (hashing → sqlite-vec)',
      file: formatMiB(size),
      chunks: run.summary?.storedChunks ?? '—',
      seconds: run.summary ? formatNumber(run.summary.seconds, 1) : '—',
      'peak RSS': run.peakRss === undefined ? '—' : formatMiB(run.peakRss),
      'progress lines': run.progressLines,
      result: completed
        ? 'completed'
        : `failed (exit ${run.code}): ${run.stderr.trim().split('\n').at(-1) ?? ''}`,
    };
    return {
      id: 'big-file',
      title: `Big file (one ${formatMiB(size)} text file through \`embedkit index\`, hashing, sqlite-vec)`,
      columns: ['client', 'file', 'chunks', 'seconds', 'peak RSS', 'progress lines', 'result'],
      rows: [row],
      targets: [
        {
          target: 'peak RSS ≤ 300 MB for 50 MB of text with hashing',
          met: run.peakRss === undefined || scale.quick ? undefined : run.peakRss <= peakTarget,
          detail:
            run.peakRss === undefined
              ? 'the CLI did not report its peak RSS'
              : scale.quick
                ? `quick run on a tenth of the file: ${formatMiB(run.peakRss)}; the full run checks the target`
                : `${formatMiB(run.peakRss)} (${formatNumber(run.peakRss / 1e6, 0)} MB)`,
        },
      ],
      notes: [
        'The file is generated at run time (seeded synthetic prose, paragraphs of 40–400 tokens) and deleted afterwards. Peak RSS is the CLI process’ maximum (getrusage at exit, written by a preloaded module); sqlite-vec runs inside it.',
      ],
      data: { bytes: size, ...run, stderr: undefined },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Writes `bytes` of blank-line-separated synthetic paragraphs to `path`, a few MB at a time. */
function writeSyntheticText(path: string, bytes: number): void {
  const descriptor = openSync(path, 'w');
  try {
    let written = 0;
    for (let seed = 1; written < bytes; seed++) {
      const { texts } = syntheticCorpus({ documents: 2_000, minTokens: 40, maxTokens: 400, seed });
      const piece = `${texts.join('\n\n')}\n\n`;
      written += writeSync(descriptor, piece.slice(0, Math.max(0, bytes - written)));
    }
  } finally {
    closeSync(descriptor);
  }
}

/** Runs the built CLI on `folder/big.txt` with the peak-RSS preload; kills it after `timeoutMs`. */
function indexBigFile(folder: string, timeoutMs: number): Promise<BigFileRun> {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@embedkit/cli/package.json')), 'dist', 'cli.js');
  const preload = pathToFileURL(distModule('harness/report-peak-rss.js')).href;
  const args = ['--provider', 'hashing', '--store', 'sqlite-vec', '--store-path', 'big.db'];
  const child = spawn(
    process.execPath,
    ['--import', preload, cli, ...args, 'index', 'big.txt', '--json'],
    { cwd: folder, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let report = '';
  let progressLines = 0;
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    progressLines += text.split('\n').filter((line) => line.startsWith('progress:')).length;
    stderr = (stderr + text).slice(-4000);
  });
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8');
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (text: string) => (report += text));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      const parse = <T>(text: string): T | undefined => {
        try {
          return JSON.parse(text) as T;
        } catch {
          return undefined;
        }
      };
      resolve({
        code,
        peakRss: parse<{ peakRss: number }>(report)?.peakRss,
        summary: parse<{ storedChunks: number; seconds: number }>(stdout.trim()),
        progressLines,
        stderr,
      });
    });
  });
}
