import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidConfigError } from '@embedkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { importOptionalPackage } from './import-optional-package.js';

/**
 * A module outside the workspace (no node_modules above it) that imports `specifier`, so Node
 * itself produces the error a user without the package would get.
 */
const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function importerOutsideTheWorkspace(specifier: string): () => Promise<unknown> {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-optional-'));
  directories.push(directory);
  const file = join(directory, 'importer.mjs');
  writeFileSync(file, `export default () => import(${JSON.stringify(specifier)});\n`);
  return async () => {
    const importer = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
      default: () => Promise<unknown>;
    };
    return importer.default();
  };
}

const use = { path: 'store.kind', needs: 'store "milvus-lite"' };

describe('importOptionalPackage', () => {
  it('turns a package that is not installed into an InvalidConfigError naming the install command', async () => {
    const error = await importOptionalPackage(
      '@embedkit/milvus',
      importerOutsideTheWorkspace('@embedkit/milvus'),
      use,
    ).catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    const { issues, message, cause } = error as InvalidConfigError;
    expect(issues).toEqual([
      {
        path: 'store.kind',
        message:
          'store "milvus-lite" needs the package @embedkit/milvus, which is not installed; install it next to @embedkit/cli: npm install @embedkit/milvus',
      },
    ]);
    expect(message).toContain('npm install @embedkit/milvus');
    expect((cause as { code?: string }).code).toBe('ERR_MODULE_NOT_FOUND');
  });

  it('rethrows a missing dependency of an installed package unchanged', async () => {
    // What Node says when @embedkit/local is installed but its onnxruntime-node is not: the
    // importing path names @embedkit/local, the missing package is another one.
    const missingDependency = Object.assign(
      new Error(
        "Cannot find package 'onnxruntime-node' imported from /app/node_modules/@embedkit/local/dist/local-session.js",
      ),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const error = await importOptionalPackage(
      '@embedkit/local',
      () => Promise.reject(missingDependency),
      use,
    ).catch((caught: unknown) => caught);
    expect(error).toBe(missingDependency);
  });

  it('returns the module when the package is installed', async () => {
    const module = await importOptionalPackage(
      '@embedkit/core',
      () => import('@embedkit/core'),
      use,
    );
    expect(typeof module.createRegistry).toBe('function');
  });
});
