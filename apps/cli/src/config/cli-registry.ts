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
  /**
   * The environment variables the provider reads its key from, in order, for these settings
   * (`apiKeyEnv` first when given), so `embedkit config` can say which are set (never a value).
   */
  keyVariables(settings: Readonly<Record<string, unknown>>): string[];
}

/** `apiKeyEnv` when the settings name one, then the provider's own variables. */
function withApiKeyEnv(settings: Readonly<Record<string, unknown>>, own: string[]): string[] {
  const named = typeof settings.apiKeyEnv === 'string' ? [settings.apiKeyEnv] : [];
  return [...new Set([...named, ...own])];
}

/**
 * Every provider the CLI can build from config besides core's hashing provider. Add a provider
 * here to make it configurable. Each is imported lazily, so `embedkit --version` or a hashing run
 * never loads ONNX Runtime, and the optional provider packages (`@embedkit/local`,
 * `@embedkit/cohere`, `@embedkit/gemini`, …) can stay uninstalled.
 */
export const cliProviderPackages: readonly CliProviderPackage[] = [
  {
    id: 'jina',
    packageName: '@embedkit/jina',
    load: async () => (await import('@embedkit/jina')).jinaProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, ['JINA_API_KEY', 'JINAAI_API_KEY']),
  },
  {
    id: 'openai',
    packageName: '@embedkit/openai',
    load: async () => (await import('@embedkit/openai')).openaiProvider,
    keyVariables: (settings) =>
      withApiKeyEnv(settings, [settings.azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY']),
  },
  {
    id: 'cohere',
    packageName: '@embedkit/cohere',
    load: async () => (await import('@embedkit/cohere')).cohereProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, ['COHERE_API_KEY', 'CO_API_KEY']),
  },
  {
    id: 'voyage',
    packageName: '@embedkit/voyage',
    load: async () => (await import('@embedkit/voyage')).voyageProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, ['VOYAGE_API_KEY', 'VOYAGEAI_API_KEY']),
  },
  {
    id: 'local',
    packageName: '@embedkit/local',
    load: async () => (await import('@embedkit/local')).localProvider,
    keyVariables: () => [],
  },
  {
    id: 'tei',
    packageName: '@embedkit/tei',
    load: async () => (await import('@embedkit/tei')).teiProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, []),
  },
  {
    id: 'ollama',
    packageName: '@embedkit/ollama',
    load: async () => (await import('@embedkit/ollama')).ollamaProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, []),
  },
  {
    id: 'bedrock',
    packageName: '@embedkit/bedrock',
    load: async () => (await import('@embedkit/bedrock')).bedrockProvider,
    // The AWS SDK's default chain: static keys from the environment, then a named profile.
    keyVariables: () => [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
    ],
  },
  {
    id: 'gemini',
    packageName: '@embedkit/gemini',
    load: async () => (await import('@embedkit/gemini')).geminiProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, ['GEMINI_API_KEY', 'GOOGLE_API_KEY']),
  },
  {
    id: 'mistral',
    packageName: '@embedkit/mistral',
    load: async () => (await import('@embedkit/mistral')).mistralProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, ['MISTRAL_API_KEY', 'MISTRALAI_API_KEY']),
  },
  {
    id: 'nomic',
    packageName: '@embedkit/nomic',
    load: async () => (await import('@embedkit/nomic')).nomicProvider,
    keyVariables: (settings) => withApiKeyEnv(settings, ['NOMIC_API_KEY', 'ATLAS_API_KEY']),
  },
];

/** The key variables of `provider` for `settings`; none for hashing and unknown providers. */
export function providerKeyVariables(
  provider: string,
  settings: Readonly<Record<string, unknown>>,
): string[] {
  const entry = cliProviderPackages.find((candidate) => candidate.id === provider);
  return entry ? entry.keyVariables(settings) : withApiKeyEnv(settings, []);
}

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
