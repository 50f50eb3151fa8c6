import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChromaServer, startChromaServer } from '@embedkit/chroma';
import { MemoryStoreDriver } from '@embedkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));
const embedding = { provider: 'hashing', dimensions: 128 };

/** Every vector of a memory-store file, as raw float32 bits keyed by id. */
function vectorBits(path: string, collection: string): Map<string, number[]> {
  const driver = new MemoryStoreDriver({ path });
  const rows = driver.database.collections.get(collection)?.rows ?? new Map();
  return new Map(
    [...rows.values()].map((row) => [
      row.id,
      Array.from(new Uint32Array(Float32Array.from(row.vector).buffer)),
    ]),
  );
}

describe('embedkit CLI with a Chroma server', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-chroma-'));
  let server: ChromaServer;
  const writeConfig = (name: string, store: Record<string, unknown>) => {
    writeFileSync(join(cwd, name), JSON.stringify({ embedding, store }));
    return name;
  };

  beforeAll(async () => {
    server = await startChromaServer({ path: join(cwd, 'chroma') });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('CHROMA_URL points a memory config at Chroma: index, search, and a re-run that writes nothing', async () => {
    const config = writeConfig('memory.json', { kind: 'memory', collection: 'corpus' });
    const env = { CHROMA_URL: server.url };
    const first = await runBuiltCli(['--config', config, 'index', corpus, '--json'], { cwd, env });
    expect(first.stderr).not.toContain('embedkit:');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.collectionCount).toBe(summary.storedChunks);
    const search = await runBuiltCli(
      ['--config', config, 'search', 'waggle dance of honey bees', '--json', '-k', '3'],
      { cwd, env },
    );
    expect(JSON.parse(search.stdout).results[0].metadata.source).toMatch(/honey-bees\.md$/);
    const again = JSON.parse(
      (await runBuiltCli(['--config', config, 'index', corpus, '--json'], { cwd, env })).stdout,
    );
    expect(again.storedChunks).toBe(0);
    expect(again.collectionCount).toBe(summary.collectionCount);
    // Without CHROMA_URL the same config is the (empty, in-process) memory store.
    const local = await runBuiltCli(
      ['--config', config, 'search', 'waggle dance of honey bees', '--json'],
      { cwd },
    );
    expect(JSON.parse(local.stdout).results).toEqual([]);
  }, 120_000);

  it('migrates memory → Chroma → memory without changing a bit', async () => {
    const lines = Array.from({ length: 400 }, (_, index) =>
      JSON.stringify({
        id: `doc-${index}`,
        text: `document ${index} about ${index % 13}`,
        n: index,
      }),
    );
    writeFileSync(join(cwd, 'corpus.jsonl'), `${lines.join('\n')}\n`);
    const source = writeConfig('source.json', {
      kind: 'memory',
      path: 'source.db',
      collection: 'docs',
    });
    expect((await runBuiltCli(['--config', source, 'index', 'corpus.jsonl'], { cwd })).code).toBe(
      0,
    );
    const chroma = writeConfig('chroma.json', {
      kind: 'chroma',
      url: server.url,
      collection: 'docs',
    });
    const there = await runBuiltCli(['migrate', '--from', source, '--to', chroma], { cwd });
    expect(there.stderr).not.toContain('embedkit:');
    expect(there.stdout).toMatch(/Copied 400 rows from memory "docs" .* to chroma "docs"/);
    const back = writeConfig('back.json', { kind: 'memory', path: 'back.db', collection: 'back' });
    const returned = await runBuiltCli(['migrate', '--from', chroma, '--to', back, '--json'], {
      cwd,
    });
    expect(JSON.parse(returned.stdout)).toMatchObject({ copied: 400, targetCount: 400 });
    expect(vectorBits(join(cwd, 'back.db'), 'back')).toEqual(
      vectorBits(join(cwd, 'source.db'), 'docs'),
    );
  }, 180_000);
});
