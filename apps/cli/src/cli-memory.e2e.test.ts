import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));

function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-cli-'));
  cpSync(corpus, join(directory, 'corpus'), { recursive: true });
  writeFileSync(
    join(directory, 'embedkit.config.json'),
    JSON.stringify({
      embedding: { provider: 'hashing' },
      store: { kind: 'memory', path: 'store.json', collection: 'demo' },
    }),
  );
  return directory;
}

describe('embedkit CLI with the memory store', () => {
  it('indexes the sample corpus, searches it, and re-runs without re-embedding', async () => {
    const cwd = workspace();
    const first = await runBuiltCli(['index', 'corpus', '--json'], { cwd });
    expect(first.stderr).not.toMatch(/embedkit:/);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.storedDocuments).toBe(summary.documents);
    expect(summary.storedChunks).toBeGreaterThan(summary.documents);
    expect(summary.collectionCount).toBe(summary.storedChunks);

    const search = await runBuiltCli(['search', 'why do honey bees dance', '--json', '-k', '3'], {
      cwd,
    });
    expect(search.code).toBe(0);
    const { results } = JSON.parse(search.stdout);
    expect(results).toHaveLength(3);
    expect(results[0].text.toLowerCase()).toContain('bee');
    const plain = await runBuiltCli(['search', 'why do honey bees dance'], { cwd });
    expect(plain.stdout).toMatch(/^1\. \[\d\.\d{4}\] corpus\//);

    const again = await runBuiltCli(['index', 'corpus', '--json'], { cwd });
    const rerun = JSON.parse(again.stdout);
    expect(rerun.skipped).toBe(summary.documents);
    expect(rerun.storedChunks).toBe(0);
    expect(rerun.tokens).toBe(0);
    expect(rerun.collectionCount).toBe(summary.collectionCount);
  });

  it('re-embeds only a changed document and removes chunks a shorter version no longer has', async () => {
    const cwd = workspace();
    await runBuiltCli(['index', 'corpus', '--json'], { cwd });
    const before = JSON.parse((await runBuiltCli(['info', '--json'], { cwd })).stdout).count;
    const files = (await import('node:fs')).readdirSync(join(cwd, 'corpus'));
    const target = join(cwd, 'corpus', files[0]!);
    const original = readFileSync(target, 'utf8');
    const originalChunks = JSON.parse(
      (await runBuiltCli(['search', original.slice(0, 200), '--json', '-k', '50'], { cwd })).stdout,
    ).results.filter((hit: { metadata: { source: string } }) =>
      hit.metadata.source.endsWith(files[0]!),
    )[0].metadata.chunks;
    writeFileSync(target, 'A single short paragraph replaces this whole document.');
    const changed = JSON.parse((await runBuiltCli(['index', 'corpus', '--json'], { cwd })).stdout);
    expect(changed.storedDocuments).toBe(1);
    expect(changed.storedChunks).toBe(1);
    expect(changed.deletedChunks).toBe(originalChunks - 1);
    expect(changed.collectionCount).toBe(before - originalChunks + 1);
  });

  it('writes one JSONL vector per stdin line, in order', async () => {
    const cwd = workspace();
    const run = await runBuiltCli(['embed', '--as', 'queries'], {
      cwd,
      input: 'first line\n{"id":"b","text":"second"}\n"third"\n',
    });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.index)).toEqual([0, 1, 2]);
    expect(lines[1].id).toBe('b');
    expect(lines[0].vector).toHaveLength(384);
  });

  it('answers a bad config with exit code 2 and every problem with its path', async () => {
    const cwd = workspace();
    writeFileSync(
      join(cwd, 'embedkit.config.json'),
      JSON.stringify({
        embedding: { provider: 'hashing', dimensions: 'many' },
        store: { kind: 'memory', collection: 5 },
      }),
    );
    const run = await runBuiltCli(['search', 'anything'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('store.collection');
    expect(run.stderr).toContain('embedding.dimensions');
    writeFileSync(join(cwd, 'embedkit.config.json'), JSON.stringify({ store: { kind: 'memory' } }));
    const unknown = await runBuiltCli(['search', 'anything', '--provider', 'nope'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/embedding\.provider: unknown provider "nope"; expected one of/);
  });

  it('answers usage errors with the valid options', async () => {
    const cwd = workspace();
    const run = await runBuiltCli(['search', '--bogus', 'x'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
    expect(run.stderr).toContain('--top-k');
    const missing = await runBuiltCli(['index', 'no-such-folder'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file or folder: no-such-folder');
  });

  it('prints the resolved config without secrets', async () => {
    const cwd = workspace();
    const run = await runBuiltCli(['config'], { cwd });
    expect(run.code).toBe(0);
    const resolved = JSON.parse(run.stdout);
    expect(resolved.file).toBe('embedkit.config.json');
    expect(resolved.embedding).toMatchObject({ provider: 'hashing', dim: 384 });
  });
});
