import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));

describe('embedkit CLI with PGlite (@embedkit/pgvector)', () => {
  it('indexes into the pglite kind, searches it, and a re-run does not duplicate', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'embedkit-cli-pglite-'));
    writeFileSync(
      join(cwd, 'pglite.json'),
      JSON.stringify({
        embedding: { provider: 'hashing', dimensions: 256 },
        store: { kind: 'pglite', path: 'data/pglite', collection: 'corpus' },
      }),
    );
    const first = await runBuiltCli(['--config', 'pglite.json', 'index', corpus, '--json'], {
      cwd,
    });
    expect(first.stderr).not.toContain('embedkit:');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.collectionCount).toBe(summary.storedChunks);
    const search = await runBuiltCli(
      ['--config', 'pglite.json', 'search', 'waggle dance of honey bees', '--json', '-k', '3'],
      { cwd },
    );
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).results[0].metadata.source).toMatch(/honey-bees\.md$/);
    const again = JSON.parse(
      (await runBuiltCli(['--config', 'pglite.json', 'index', corpus, '--json'], { cwd })).stdout,
    );
    expect(again.storedChunks).toBe(0);
    expect(again.collectionCount).toBe(summary.collectionCount);
  });
});
