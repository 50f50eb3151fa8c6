import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ConfigIssue, InvalidConfigError, zodIssues } from '@embedkit/core';
import { type CliConfig, cliConfigSchema } from './cli-config-schema.js';

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
      raw = JSON.parse(readFileSync(path, 'utf8'));
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
  const store = { ...(merged.store as Record<string, unknown> | undefined) };
  const address = overrides.address ?? environment.MILVUS_URI;
  if (overrides.store) {
    for (const key of Object.keys(store)) if (key !== 'collection') delete store[key];
    store.kind = overrides.store;
    applied.push(`--store ${overrides.store}`);
  }
  if (address && (overrides.address || !overrides.store || overrides.store === 'milvus')) {
    for (const key of Object.keys(store))
      if (key !== 'collection' && key !== 'tokenEnv') delete store[key];
    store.kind = 'milvus';
    store.address = address;
    applied.push(overrides.address ? `--address ${address}` : `MILVUS_URI=${address}`);
  }
  if (overrides.storePath) {
    store.path = overrides.storePath;
    applied.push(`--store-path ${overrides.storePath}`);
  }
  if (overrides.collection) {
    store.collection = overrides.collection;
    applied.push(`--collection ${overrides.collection}`);
  }
  if (Object.keys(store).length > 0) merged.store = store;

  const parsed = cliConfigSchema.safeParse(merged);
  const embeddingIssues = checkEmbedding(
    parsed.success ? parsed.data.embedding : (merged.embedding ?? { provider: 'hashing' }),
  );
  if (!parsed.success || embeddingIssues.length > 0) {
    const schemaIssues = parsed.success ? [] : zodIssues(parsed.error);
    throw new InvalidConfigError({
      subject: file ? `config file ${file}` : 'configuration',
      issues: [
        ...schemaIssues.filter((issue) => !issue.path.startsWith('embedding.')),
        ...embeddingIssues,
      ],
    });
  }
  // No secret check of its own: provider schemas hold no secret, and the registry refuses an
  // `apiKey` in a config with the fix (name the environment variable with "apiKeyEnv").
  return { config: parsed.data, file, overrides: applied };
}
