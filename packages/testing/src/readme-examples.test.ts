import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(packageDirectory, '..', '..', 'README.md'), 'utf8');

/** The code blocks of one README section that start with a `// file-name.ts` line. */
function sectionFiles(heading: string): Map<string, string> {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section "${heading}"`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const files = new Map<string, string>();
  for (const [, code] of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = /^\/\/ ([\w.-]+\.ts)\n/.exec(code!)?.[1];
    if (name) files.set(name, code!);
  }
  return files;
}

/**
 * Runs a README section's files as written: they are copied into a folder of this package (so
 * `@embedkit/*` resolve as they would for a user) and their tests run with vitest.
 */
function runSection(heading: string, folder: string): { status: number | null; output: string } {
  const directory = join(packageDirectory, '.readme-examples', folder);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const files = sectionFiles(heading);
  expect([...files.keys()].some((name) => name.endsWith('.test.ts'))).toBe(true);
  for (const [name, code] of files) writeFileSync(join(directory, name), code);
  writeFileSync(
    join(directory, 'vitest.config.mjs'),
    "export default { test: { include: ['*.test.ts'], testTimeout: 30000 } };\n",
  );
  const result = spawnSync(
    process.execPath,
    [join(packageDirectory, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', directory],
    {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('README sections that use the testing kit', () => {
  it('"Adding a store": the example driver passes the store driver contract', () => {
    const { status, output } = runSection('Adding a store', 'store');
    expect(output).not.toMatch(/\b[1-9]\d* failed/);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(status).toBe(0);
  }, 130_000);
});
