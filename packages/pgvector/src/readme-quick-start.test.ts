import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { temporaryDirectory } from './pgvector-store.test-helpers.js';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('README quick start', () => {
  const cwd = temporaryDirectory('embedkit-pgvector-readme-');
  const folder = join(packageDirectory, '.readme-examples');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('runs as written and prints the best hybrid hit and the filtered search', () => {
    const readme = readFileSync(join(packageDirectory, 'README.md'), 'utf8');
    const start = readme.indexOf('## Quick start');
    const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
    // Inside the package, so `@embedkit/pgvector` resolves to the built package as for a user.
    mkdirSync(folder, { recursive: true });
    // The data directory the quick start names, as PGlite's initdb leaves it (copied: faster).
    cpSync(inject('pgliteTemplate'), join(cwd, 'data', 'pglite'), { recursive: true });
    const file = join(folder, 'quick-start.mjs');
    writeFileSync(file, code);
    const result = spawnSync(process.execPath, [file], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [first, ...rest] = result.stdout.split('\n');
    expect(first).toMatch(/^PostgreSQL stores vectors with pgvector\. 0\.\d+/);
    expect(rest.join('\n')).toContain('The red fox hunts mice at dawn.');
    expect(rest.join('\n')).not.toContain('a.md');
  });
});
