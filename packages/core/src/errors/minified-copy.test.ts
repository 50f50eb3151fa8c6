import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const coreEntry = fileURLToPath(new URL('../index.ts', import.meta.url));

/** Each class the check covers, with the classes it extends (besides itself). */
const ancestors: Record<string, string[]> = {
  EmbedkitError: [],
  AbortError: ['EmbedkitError'],
  ApiCallError: ['EmbedkitError'],
  RateLimitError: ['ApiCallError', 'EmbedkitError'],
  AuthenticationError: ['ApiCallError', 'EmbedkitError'],
  TimeoutError: ['EmbedkitError'],
  InvalidInputError: ['EmbedkitError'],
  StoreError: ['EmbedkitError'],
};

/**
 * Runs in a child process with two real copies of core loaded side by side: one bundled with
 * `--minify` (classes renamed to one letter), one bundled plainly. Each copy throws each
 * class; every class of both copies is asked whether it recognises the error.
 */
const probe = `
import * as minified from './minified.mjs';
import * as plain from './plain.mjs';
const api = { provider: 'probe', message: 'x' };
const make = {
  EmbedkitError: (copy) => new copy.EmbedkitError({ message: 'x' }),
  AbortError: (copy) => new copy.AbortError(),
  ApiCallError: (copy) => new copy.ApiCallError({ ...api, status: 400 }),
  RateLimitError: (copy) => new copy.RateLimitError(api),
  AuthenticationError: (copy) => new copy.AuthenticationError({ ...api, status: 401 }),
  TimeoutError: (copy) => new copy.TimeoutError({ message: 'x', timeoutMs: 5 }),
  InvalidInputError: (copy) => new copy.InvalidInputError({ message: 'x' }),
  StoreError: (copy) => new copy.StoreError({ message: 'x', store: 'probe' }),
};
const thrown = (copy, name) => {
  try {
    throw make[name](copy);
  } catch (error) {
    return error;
  }
};
const copies = { minified, plain };
const checks = [];
for (const [fromName, from] of Object.entries(copies)) {
  for (const [byName, by] of Object.entries(copies)) {
    for (const made of Object.keys(make)) {
      const error = thrown(from, made);
      for (const checker of Object.keys(make)) {
        checks.push({ from: fromName, by: byName, made, checker, recognised: by[checker].isInstance(error) });
      }
    }
  }
}
const renamed = Object.keys(make).filter((name) => minified[name].name !== name);
const names = Object.fromEntries(Object.keys(make).map((name) => [name, thrown(minified, name).name]));
console.log(JSON.stringify({ checks, renamed, names }));
`;

interface ProbeResult {
  checks: { from: string; by: string; made: string; checker: string; recognised: boolean }[];
  renamed: string[];
  names: Record<string, string>;
}

describe('isInstance across a minified copy of core', () => {
  let folder: string;
  let result: ProbeResult;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'embedkit-minified-'));
    const common: BuildOptions = {
      entryPoints: [coreEntry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      // undici's CommonJS inside an ES module bundle needs a `require`, as in any such bundle.
      banner: {
        js: "import { createRequire as bannerRequire } from 'node:module'; const require = bannerRequire(import.meta.url);",
      },
    };
    // Core reads its version from the package.json beside its dist folder, one level up.
    await writeFile(join(folder, 'package.json'), JSON.stringify({ version: '0.0.0-bundle' }));
    const bundles = join(folder, 'bundles');
    await build({ ...common, outfile: join(bundles, 'minified.mjs'), minify: true });
    await build({ ...common, outfile: join(bundles, 'plain.mjs') });
    await writeFile(join(bundles, 'probe.mjs'), probe);
    const { stdout } = await promisify(execFile)(process.execPath, [join(bundles, 'probe.mjs')]);
    result = JSON.parse(stdout) as ProbeResult;
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('really runs a copy whose classes the minifier renamed', () => {
    expect(result.renamed).toEqual(Object.keys(ancestors));
  });

  it('recognises each class and its subclasses both ways, and nothing else', () => {
    expect(result.checks).toHaveLength(4 * Object.keys(ancestors).length ** 2);
    for (const check of result.checks) {
      const expected =
        check.checker === check.made || ancestors[check.made]!.includes(check.checker);
      expect({ ...check, recognised: expected }).toEqual(check);
    }
    const minifiedRateLimit = (checker: string) =>
      result.checks.find(
        (check) =>
          check.from === 'minified' &&
          check.by === 'plain' &&
          check.made === 'RateLimitError' &&
          check.checker === checker,
      )?.recognised;
    expect(minifiedRateLimit('EmbedkitError')).toBe(true);
    expect(minifiedRateLimit('ApiCallError')).toBe(true);
    expect(minifiedRateLimit('TimeoutError')).toBe(false);
  });

  it('keeps readable error names in the minified copy', () => {
    expect(result.names).toEqual(
      Object.fromEntries(Object.keys(ancestors).map((name) => [name, name])),
    );
  });
});
