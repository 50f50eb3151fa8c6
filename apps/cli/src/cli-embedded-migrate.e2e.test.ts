import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStoreDriver } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));

/** Every vector of a memory-store file, as raw float32 bits keyed by id. */
function vectorBits(path: string, collection: string): Map<string, number[]> {
  const rows = new MemoryStoreDriver({ path }).database.collections.get(collection)?.rows;
  return new Map(
    [...(rows?.values() ?? [])].map((row) => [
      row.id,
      Array.from(new Uint32Array(Float32Array.from(row.vector).buffer)),
    ]),
  );
}

describe('embedkit migrate between the embedded stores', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-embedded-migrate-'));
  const config = (name: string, store: Record<string, unknown>) => {
    writeFileSync(
      join(cwd, name),
      JSON.stringify({ embedding: { provider: 'hashing', dimensions: 128 }, store }),
    );
    return name;
  };

  it('copies sqlite-vec → LanceDB → memory without changing a bit', async () => {
    const sqlite = config('sqlite.json', { kind: 'sqlite-vec', path: 'data/docs.sqlite' });
    const lance = config('lance.json', { kind: 'lancedb', uri: 'data/lancedb' });
    const direct = config('direct.json', { kind: 'memory', path: 'direct.db', collection: 'c' });
    const viaLance = config('via.json', { kind: 'memory', path: 'via.db', collection: 'c' });
    const indexed = await runBuiltCli(['--config', sqlite, 'index', corpus, '--json'], { cwd });
    expect(indexed.code).toBe(0);
    const count = JSON.parse(indexed.stdout).collectionCount;
    for (const [from, to] of [
      [sqlite, lance],
      [lance, viaLance],
      [sqlite, direct],
    ]) {
      const run = await runBuiltCli(['migrate', '--from', from!, '--to', to!, '--json'], { cwd });
      expect(run.stderr).not.toContain('embedkit:');
      expect(run.code).toBe(0);
    }
    const expected = vectorBits(join(cwd, 'direct.db'), 'c');
    const copied = vectorBits(join(cwd, 'via.db'), 'c');
    expect(expected.size).toBe(count);
    expect(copied).toEqual(expected);
    const search = await runBuiltCli(
      ['--config', lance, 'search', 'waggle dance of honey bees', '--json', '-k', '1'],
      { cwd },
    );
    const [best] = JSON.parse(search.stdout).results;
    expect(best.metadata.source).toMatch(/honey-bees\.md$/);
    const filter = JSON.stringify({ source: { ne: best.metadata.source } });
    const filtered = await runBuiltCli(
      [
        '--config',
        lance,
        'search',
        'waggle dance of honey bees',
        '--json',
        '-k',
        '3',
        '--filter',
        filter,
      ],
      { cwd },
    );
    const others = JSON.parse(filtered.stdout).results as { metadata: { source: string } }[];
    expect(others).toHaveLength(3);
    expect(others.every((hit) => hit.metadata.source !== best.metadata.source)).toBe(true);
  });
});
