import { InvalidConfigError, memoryStore } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { loadStoreRegistry } from './load-store-registry.js';
import type { StorePackage } from './store-packages.js';

const notInstalled = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /somewhere/cli.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

describe('loadStoreRegistry', () => {
  it('stops at the first package that defines the kind, so later ones are never imported', async () => {
    const imported: string[] = [];
    const packages: StorePackage[] = [
      {
        name: 'first',
        kinds: ['memory'],
        load: async () => {
          imported.push('first');
          return { memoryStore };
        },
      },
      {
        name: 'second',
        kinds: ['other'],
        load: async () => {
          imported.push('second');
          return {};
        },
      },
    ];
    const registry = await loadStoreRegistry('memory', packages);
    expect(registry.kinds).toEqual(['memory']);
    expect(imported).toEqual(['first']);
  });

  it('names the package to install when the kind comes from one that is not installed', async () => {
    const packages: StorePackage[] = [
      { name: 'core', kinds: ['memory'], load: async () => ({ memoryStore }) },
      {
        name: '@embedkit/milvus',
        kinds: ['milvus-lite'],
        load: async () => Promise.reject(notInstalled('@embedkit/milvus')),
      },
    ];
    const error = await loadStoreRegistry('milvus-lite', packages).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('npm install @embedkit/milvus');
  });

  it('rethrows when a dependency of an installed package is missing', async () => {
    const packages: StorePackage[] = [
      {
        name: '@embedkit/milvus',
        kinds: ['milvus-lite'],
        load: async () => Promise.reject(notInstalled('@grpc/grpc-js')),
      },
    ];
    await expect(loadStoreRegistry('milvus-lite', packages)).rejects.toThrow(/grpc-js/);
  });
});
