import { EmbedkitError, InvalidConfigError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { loadStoreRegistry } from './load-store-registry.js';
import type { StorePackage } from './store-packages.js';

/** An import failure as Node reports it, with its code. */
function moduleNotFound(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });
}

const core: StorePackage = {
  name: '@embedkit/core',
  load: () => import('@embedkit/core'),
  kinds: ['memory'],
};

describe('loadStoreRegistry', () => {
  it('names the package to install when the one providing a kind is missing', async () => {
    const missing: StorePackage = {
      name: '@embedkit/milvus',
      kinds: ['milvus-lite', 'milvus'],
      load: () =>
        Promise.reject(
          moduleNotFound(
            "Cannot find package '@embedkit/milvus' imported from /project/node_modules/@embedkit/cli/dist/index.js",
          ),
        ),
    };
    const error = await loadStoreRegistry('milvus-lite', [core, missing]).catch((caught) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as InvalidConfigError).message).toContain('npm install @embedkit/milvus');
  });

  it('does not call an installed package missing when a dependency of it is', async () => {
    // The package is there, but its own import of the SDK fails: "install @embedkit/milvus"
    // would send the user to reinstall what they have instead of showing what is broken.
    const broken = moduleNotFound(
      "Cannot find package '@zilliz/milvus2-sdk-node' imported from /project/node_modules/@embedkit/milvus/dist/index.js",
    );
    const installed: StorePackage = {
      name: '@embedkit/milvus',
      kinds: ['milvus-lite', 'milvus'],
      load: () => Promise.reject(broken),
    };
    await expect(loadStoreRegistry('milvus-lite', [core, installed])).rejects.toBe(broken);
  });

  it('builds a registry of the kinds found, without loading packages it does not need', async () => {
    let loaded = false;
    const other: StorePackage = {
      name: '@embedkit/milvus',
      kinds: ['milvus'],
      load: async () => {
        loaded = true;
        return {};
      },
    };
    const registry = await loadStoreRegistry('memory', [core, other]);
    expect(registry.has('memory')).toBe(true);
    expect(loaded).toBe(false);
    expect(EmbedkitError.isInstance(registry.check({ kind: 'memroy' }))).toBe(true);
  });
});
