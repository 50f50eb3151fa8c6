import { InvalidConfigError, type ProviderDefinition } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { type CliProviderPackage, cliProviderPackages, loadCliRegistry } from './cli-registry.js';

/** A loader that records which packages were imported. */
function recordingLoader() {
  const imported: string[] = [];
  const load = (entry: CliProviderPackage): Promise<ProviderDefinition> => {
    imported.push(entry.packageName);
    return entry.load();
  };
  return { imported, load };
}

describe('loadCliRegistry', () => {
  it('imports only the provider package the config names', async () => {
    const { imported, load } = recordingLoader();
    const registry = await loadCliRegistry('openai', load);
    expect(imported).toEqual(['@embedkit/openai']);
    expect(registry.providers).toEqual([
      'hashing',
      'jina',
      'openai',
      'local',
      'gemini',
      'mistral',
      'nomic',
    ]);
    const embedding = registry.fromConfig({ provider: 'openai', model: 'text-embedding-3-small' });
    expect(embedding.toConfig()).toMatchObject({ provider: 'openai' });
  });

  it('imports no provider package for hashing, and answers an unknown id with every valid one', async () => {
    for (const provider of ['hashing', 'nope', undefined]) {
      const { imported, load } = recordingLoader();
      const registry = await loadCliRegistry(provider, load);
      expect(imported).toEqual([]);
      expect(registry.fromConfig({ provider: 'hashing' }).toConfig()).toMatchObject({
        provider: 'hashing',
      });
      expect(() => registry.fromConfig({ provider: 'nope' })).toThrow(
        'unknown provider "nope"; expected one of "hashing", "jina", "openai", "local", "gemini", "mistral", "nomic"',
      );
    }
  });

  it('names the package to install when the configured provider is not installed', async () => {
    const local = cliProviderPackages.find((entry) => entry.id === 'local')!;
    // What Node throws for `import('@embedkit/local')` when the package is absent.
    const notInstalled = () =>
      Promise.reject(
        Object.assign(
          new Error("Cannot find package '@embedkit/local' imported from /app/cli/dist/x.js"),
          { code: 'ERR_MODULE_NOT_FOUND' },
        ),
      );
    const error = await loadCliRegistry('local', notInstalled).catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as InvalidConfigError).issues).toEqual([
      {
        path: 'embedding.provider',
        message: `provider "local" needs the package ${local.packageName}, which is not installed; install it next to @embedkit/cli: npm install @embedkit/local`,
      },
    ]);
  });

  it('builds the optional provider packages from config when they are installed', async () => {
    for (const [provider, model] of [
      ['gemini', 'gemini-embedding-001'],
      ['mistral', 'mistral-embed'],
      ['nomic', 'nomic-embed-text-v1.5'],
    ] as const) {
      const { imported, load } = recordingLoader();
      const registry = await loadCliRegistry(provider, load);
      expect(imported).toEqual([`@embedkit/${provider}`]);
      expect(registry.fromConfig({ provider, model }).toConfig()).toMatchObject({
        provider,
        model,
      });
    }
  });

  it('refuses to build a provider it was not loaded for', async () => {
    const registry = await loadCliRegistry('hashing');
    expect(() => registry.fromConfig({ provider: 'jina' })).toThrow(
      '@embedkit/jina was not loaded: this registry was loaded for provider "hashing"; call loadCliRegistry("jina")',
    );
  });
});
