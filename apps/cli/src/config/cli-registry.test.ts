import { InvalidConfigError, type ProviderDefinition } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import {
  type CliProviderPackage,
  cliProviderPackages,
  loadCliRegistry,
  providerKeyVariables,
} from './cli-registry.js';

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
      ...cliProviderPackages.map((entry) => entry.id),
    ]);
    const embedding = registry.fromConfig({ provider: 'openai', model: 'text-embedding-3-small' });
    expect(embedding.toConfig()).toMatchObject({ provider: 'openai' });
  });

  it('builds a Cohere function from config, importing only @embedkit/cohere', async () => {
    const { imported, load } = recordingLoader();
    const registry = await loadCliRegistry('cohere', load);
    expect(imported).toEqual(['@embedkit/cohere']);
    const embedding = registry.fromConfig({
      provider: 'cohere',
      model: 'embed-v4.0',
      dimensions: 512,
    });
    expect(embedding.toConfig()).toEqual({
      provider: 'cohere',
      model: 'embed-v4.0',
      dim: 512,
      dimensions: 512,
    });
  });

  it('builds a Voyage function from config, importing only @embedkit/voyage', async () => {
    const { imported, load } = recordingLoader();
    const registry = await loadCliRegistry('voyage', load);
    expect(imported).toEqual(['@embedkit/voyage']);
    const embedding = registry.fromConfig({
      provider: 'voyage',
      model: 'voyage-3.5-lite',
      dimensions: 256,
    });
    expect(embedding.toConfig()).toEqual({
      provider: 'voyage',
      model: 'voyage-3.5-lite',
      dim: 256,
      dimensions: 256,
    });
    expect(embedding.limits.maxTokensPerCall).toBe(1_000_000);
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
        `unknown provider "nope"; expected one of ${['"hashing"', ...cliProviderPackages.map((entry) => `"${entry.id}"`)].join(', ')}`,
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

  it('refuses to build a provider it was not loaded for', async () => {
    const registry = await loadCliRegistry('hashing');
    expect(() => registry.fromConfig({ provider: 'jina' })).toThrow(
      '@embedkit/jina was not loaded: this registry was loaded for provider "hashing"; call loadCliRegistry("jina")',
    );
  });
});

describe('providerKeyVariables', () => {
  it("lists each keyed provider's own variables, in the order the package reads them", async () => {
    const packages = {
      jina: (await import('@embedkit/jina')).jinaApiKeyEnvVars,
      cohere: (await import('@embedkit/cohere')).cohereApiKeyEnvVars,
      voyage: (await import('@embedkit/voyage')).voyageApiKeyEnvVars,
      gemini: (await import('@embedkit/gemini')).geminiApiKeyEnvVars,
      mistral: (await import('@embedkit/mistral')).mistralApiKeyEnvVars,
      nomic: (await import('@embedkit/nomic')).nomicApiKeyEnvVars,
    };
    for (const [provider, names] of Object.entries(packages)) {
      expect(providerKeyVariables(provider, {})).toEqual([...names]);
    }
    expect(providerKeyVariables('openai', {})).toEqual(['OPENAI_API_KEY']);
    expect(providerKeyVariables('openai', { azure: { resource: 'r' } })).toEqual([
      'AZURE_OPENAI_API_KEY',
    ]);
    expect(providerKeyVariables('bedrock', {})).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
    ]);
  });

  it('puts a named apiKeyEnv first, and lists only it for keyless-by-default servers', () => {
    expect(providerKeyVariables('cohere', { apiKeyEnv: 'MY_COHERE' })).toEqual([
      'MY_COHERE',
      'COHERE_API_KEY',
      'CO_API_KEY',
    ]);
    expect(providerKeyVariables('tei', {})).toEqual([]);
    expect(providerKeyVariables('tei', { apiKeyEnv: 'TEI_TOKEN' })).toEqual(['TEI_TOKEN']);
    expect(providerKeyVariables('ollama', { apiKeyEnv: 'OLLAMA_API_KEY' })).toEqual([
      'OLLAMA_API_KEY',
    ]);
    expect(providerKeyVariables('local', {})).toEqual([]);
    expect(providerKeyVariables('hashing', {})).toEqual([]);
  });

  it('has an entry for every provider the CLI knows', () => {
    for (const entry of cliProviderPackages) expect(typeof entry.keyVariables).toBe('function');
  });
});
