import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));

/** The embedded stores from their own packages, chosen by the config's `store.kind` alone. */
describe.each([
  { kind: 'sqlite-vec', store: { kind: 'sqlite-vec', path: 'data/corpus.sqlite' } },
  { kind: 'lancedb', store: { kind: 'lancedb', uri: 'data/lancedb' } },
])('embedkit CLI with the $kind store', ({ kind, store }) => {
  const cwd = mkdtempSync(join(tmpdir(), `embedkit-cli-${kind}-`));

  it('indexes the corpus, searches it with a filter, and a re-run adds nothing', async () => {
    writeFileSync(
      join(cwd, 'embedkit.config.json'),
      JSON.stringify({ embedding: { provider: 'hashing', dimensions: 256 }, store }),
    );
    const first = await runBuiltCli(['index', corpus, '--json'], { cwd });
    expect(first.stderr).not.toContain('embedkit:');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.collectionCount).toBe(summary.storedChunks);
    const search = await runBuiltCli(
      ['search', 'waggle dance of honey bees', '--json', '-k', '3'],
      { cwd },
    );
    expect(search.code).toBe(0);
    const results = JSON.parse(search.stdout).results;
    expect(results[0].metadata.source).toMatch(/honey-bees\.md$/);
    const filter = JSON.stringify({ source: { ne: results[0].metadata.source } });
    const filtered = await runBuiltCli(
      ['search', 'waggle dance of honey bees', '--json', '-k', '3', '--filter', filter],
      { cwd },
    );
    const others = JSON.parse(filtered.stdout).results;
    expect(others).toHaveLength(3);
    expect(
      others.every(
        (hit: { metadata: { source: string } }) => !/honey-bees/.test(hit.metadata.source),
      ),
    ).toBe(true);
    const again = JSON.parse((await runBuiltCli(['index', corpus, '--json'], { cwd })).stdout);
    expect(again.storedChunks).toBe(0);
    expect(again.collectionCount).toBe(summary.collectionCount);
  });
});
