import {
  createRegistry,
  hashingProvider,
  type ProviderDefinition,
  type Registry,
} from '@embedkit/core';
import { importOptionalPackage } from './import-optional-package.js';

/** A provider the CLI can build from config, imported only when a config names it. */
export interface CliProviderPackage {
  /** The `provider` value in configs. */
  readonly id: string;
  /** The npm package that provides it, named in the error when it is not installed. */
  readonly packageName: string;
  /** Imports the package and returns its registry definition. */
  load(): Promise<ProviderDefinition>;
}

/**
 * Every provider the CLI can build from config besides core's hashing provider. Add a provider
 * here to make it configurable. Each is imported lazily, so `embedkit --version` or a hashing run
 * never loads ONNX Runtime, and the optional provider packages (`@embedkit/cohere`,
 * `@embedkit/voyage`, `@embedkit/local`) can stay uninstalled.
 */
export const cliProviderPackages: readonly CliProviderPackage[] = [
  {
    id: 'jina',
    packageName: '@embedkit/jina',
    load: async () => (await import('@embedkit/jina')).jinaProvider,
  },
  {
    id: 'openai',
    packageName: '@embedkit/openai',
    load: async () => (await import('@embedkit/openai')).openaiProvider,
  },
  {
    id: 'cohere',
    packageName: '@embedkit/cohere',
    load: async () => (await import('@embedkit/cohere')).cohereProvider,
  },
  {
    id: 'voyage',
    packageName: '@embedkit/voyage',
    load: async () => (await import('@embedkit/voyage')).voyageProvider,
  },
  {
    id: 'local',
    packageName: '@embedkit/local',
    load: async () => (await import('@embedkit/local')).localProvider,
  },
  {
    id: 'tei',
    packageName: '@embedkit/tei',
    load: async () => (await import('@embedkit/tei')).teiProvider,
  },
  {
    id: 'ollama',
    packageName: '@embedkit/ollama',
    load: async () => (await import('@embedkit/ollama')).ollamaProvider,
  },
  {
    id: 'bedrock',
    packageName: '@embedkit/bedrock',
    load: async () => (await import('@embedkit/bedrock')).bedrockProvider,
  },
];

/** Imports a provider package; tests replace it to simulate a package that is not installed. */
export type ProviderPackageLoader = (provider: CliProviderPackage) => Promise<ProviderDefinition>;

/**
 * The registry for a config whose `provider` is `provider`: hashing plus that provider's package,
 * imported now. The other providers are listed (so an unknown id is answered with every valid
 * one) but not imported. A configured provider whose package is not installed is an
 * `InvalidConfigError` at `embedding.provider` naming the package to install.
 */
export async function loadCliRegistry(
  provider: unknown,
  loadPackage: ProviderPackageLoader = (entry) => entry.load(),
): Promise<Registry> {
  const definitions = await Promise.all(
    cliProviderPackages.map((entry) =>
      entry.id === provider
        ? importOptionalPackage(entry.packageName, () => loadPackage(entry), {
            path: 'embedding.provider',
            needs: `provider "${entry.id}"`,
          })
        : notLoaded(entry, provider),
    ),
  );
  return createRegistry([hashingProvider, ...definitions]);
}

/** A placeholder for a provider the config did not name; reaching it is a bug in the caller. */
function notLoaded(entry: CliProviderPackage, requested: unknown): ProviderDefinition {
  const fail = (): never => {
    throw new Error(
      `${entry.packageName} was not loaded: this registry was loaded for provider ${JSON.stringify(requested)}; call loadCliRegistry("${entry.id}")`,
    );
  };
  return { id: entry.id, schema: { safeParse: fail }, create: fail };
}
