import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ConfigIssue, InvalidConfigError, zodIssues } from '@embedkit/core';
import { type StorePackage, storePackages } from '../stores/store-packages.js';
import {
  type CliConfig,
  cliConfigSchema,
  defaultCollection,
  defaultStoreConfig,
} from './cli-config-schema.js';
import { providerKeyVariables } from './cli-registry.js';
import { urlCredentialIssues } from './url-credentials.js';

/** Checks a store config (`{ kind, …settings }`), returning its problems with paths under it. */
export type StoreConfigCheck = (store: Record<string, unknown>) => ConfigIssue[];

/** Flags that override the config file. */
export interface ConfigOverrides {
  config?: string;
  provider?: string;
  store?: string;
  storePath?: string;
  address?: string;
  collection?: string;
}

export interface LoadedConfig {
  config: CliConfig;
  /** The file the config came from, or `undefined` when the defaults were used. */
  file: string | undefined;
  /** Where each override came from, for `embedkit config`. */
  overrides: string[];
}

export const defaultConfigFile = 'embedkit.config.json';

/**
 * Resolves the configuration: defaults, then the config file (`--config`, `EMBEDKIT_CONFIG`, or
 * `./embedkit.config.json`), then environment variables (`EMBEDKIT_PROVIDER`, `MILVUS_URI`),
 * then flags. Every problem is reported at once with its path.
 */
export function loadConfig(
  overrides: ConfigOverrides,
  environment: NodeJS.ProcessEnv = process.env,
  checkEmbedding: (embedding: unknown) => ConfigIssue[] = () => [],
  checkStore: StoreConfigCheck = () => [],
  packages: readonly StorePackage[] = storePackages,
): LoadedConfig {
  const explicit = overrides.config ?? environment.EMBEDKIT_CONFIG;
  const file = explicit ?? (existsSync(defaultConfigFile) ? defaultConfigFile : undefined);
  let raw: Record<string, unknown> = {};
  if (file !== undefined) {
    const path = resolve(file);
    if (!existsSync(path)) {
      throw new InvalidConfigError({
        subject: `config file ${file}`,
        issues: [{ path: '', message: 'the file does not exist' }],
      });
    }
    try {
      // A byte-order mark (Windows editors write one) is not part of the JSON.
      raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new InvalidConfigError({
        subject: `config file ${file}`,
        issues: [{ path: '', message: `not valid JSON (${(error as Error).message})` }],
        cause: error,
      });
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidConfigError({
        subject: `config file ${file}`,
        issues: [{ path: '', message: 'expected a JSON object' }],
      });
    }
  }
  const applied: string[] = [];
  const merged: Record<string, unknown> = { ...raw };
  const provider = overrides.provider ?? environment.EMBEDKIT_PROVIDER;
  if (provider) {
    const current = merged.embedding as { provider?: string } | undefined;
    if (current?.provider !== provider) merged.embedding = { provider };
    applied.push(overrides.provider ? `--provider ${provider}` : `EMBEDKIT_PROVIDER=${provider}`);
  }
  const store: Record<string, unknown> = {
    ...(merged.store === undefined
      ? defaultStoreConfig
      : (merged.store as Record<string, unknown>)),
  };
  const keepOnSwitch = (kept: readonly string[]) => {
    for (const key of Object.keys(store)) if (!kept.includes(key)) delete store[key];
  };
  if (overrides.store) {
    keepOnSwitch(['collection']);
    store.kind = overrides.store;
    applied.push(`--store ${overrides.store}`);
  }
  // A store package's variables (MILVUS_URI) select its store unless --store chose another;
  // --address is the flag form of the first such variable that sets an address.
  const selectors = packages.flatMap((entry) => Object.entries(entry.environment ?? {}));
  const addressSelector = selectors.find(([, selector]) => selector.setting === 'address');
  const selections: [string, { kind: string; setting: string }, string][] = [];
  for (const [variable, selector] of selectors) {
    const value = environment[variable];
    if (value && (!overrides.store || overrides.store === selector.kind)) {
      selections.push([`${variable}=${value}`, selector, value]);
    }
  }
  if (overrides.address && addressSelector) {
    selections.push([`--address ${overrides.address}`, addressSelector[1], overrides.address]);
  }
  for (const [source, selector, value] of selections) {
    if (store.kind !== selector.kind) keepOnSwitch(['collection', 'tokenEnv']);
    store.kind = selector.kind;
    store[selector.setting] = value;
    applied.push(source);
  }
  if (overrides.storePath) {
    store.path = overrides.storePath;
    applied.push(`--store-path ${overrides.storePath}`);
  }
  if (overrides.collection) {
    store.collection = overrides.collection;
    applied.push(`--collection ${overrides.collection}`);
  }
  store.collection ??= defaultCollection;
  merged.store = store;

  const parsed = cliConfigSchema.safeParse(merged);
  const embeddingIssues = checkEmbedding(
    parsed.success ? parsed.data.embedding : (merged.embedding ?? { provider: 'hashing' }),
  );
  const embeddingSettings = (merged.embedding ?? {}) as Record<string, unknown>;
  const storeIssues = [
    ...(typeof store.kind === 'string' ? checkStore(store) : []),
    ...urlCredentialIssues(
      embeddingSettings,
      'embedding',
      providerKeyVariables(String(embeddingSettings.provider), embeddingSettings),
    ),
    ...urlCredentialIssues(store, 'store', []),
  ];
  if (!parsed.success || embeddingIssues.length > 0 || storeIssues.length > 0) {
    const schemaIssues = parsed.success ? [] : zodIssues(parsed.error);
    throw new InvalidConfigError({
      subject: file ? `config file ${file}` : 'configuration',
      issues: [
        ...schemaIssues.filter((issue) => !issue.path.startsWith('embedding.')),
        // "unknown key apiKey" says less than the registry's own issue at embedding.apiKey.
        ...embeddingIssues.filter(
          (issue) =>
            !(
              issue.message === 'unknown key apiKey' &&
              embeddingIssues.some((other) => other.path === 'embedding.apiKey')
            ),
        ),
        ...storeIssues,
      ],
    });
  }
  // No secret check of its own: provider schemas hold no secret, and the registry refuses an
  // `apiKey` in a config with the fix (name the environment variable with "apiKeyEnv").
  return { config: parsed.data, file, overrides: applied };
}
