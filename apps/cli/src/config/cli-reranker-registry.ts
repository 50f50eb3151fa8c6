import {
  type ConfigIssue,
  createRerankerRegistry,
  InvalidConfigError,
  type Reranker,
  type RerankerDefinition,
} from '@embedkit/core';
import type { CliRerankConfig } from './cli-config-schema.js';
import { importOptionalPackage } from './import-optional-package.js';

/** A reranker the CLI can build from the config's `rerank` section, imported only when named. */
export interface CliRerankerPackage {
  /** The `provider` value in `rerank`. */
  readonly id: string;
  readonly packageName: string;
  load(): Promise<RerankerDefinition>;
}

/**
 * Every reranker the CLI can build from config. Each package is imported only when `rerank`
 * names it, so a config without reranking never loads one, and the optional provider packages
 * can stay uninstalled.
 */
export const cliRerankerPackages: readonly CliRerankerPackage[] = [
  {
    id: 'jina',
    packageName: '@embedkit/jina',
    load: async () => (await import('@embedkit/jina')).jinaReranker,
  },
  {
    id: 'cohere',
    packageName: '@embedkit/cohere',
    load: async () => (await import('@embedkit/cohere')).cohereReranker,
  },
  {
    id: 'voyage',
    packageName: '@embedkit/voyage',
    load: async () => (await import('@embedkit/voyage')).voyageReranker,
  },
  {
    id: 'tei',
    packageName: '@embedkit/tei',
    load: async () => (await import('@embedkit/tei')).teiReranker,
  },
];

/**
 * Builds the reranker of a `rerank` config section (`{ provider, candidates?, ...settings }`),
 * importing only that provider's package. Every problem is an `InvalidConfigError` with paths
 * under `rerank.`: an unknown provider (naming the valid ones), a package that is not installed
 * (naming the command that installs it), or settings the provider's schema refuses.
 */
export async function loadCliReranker(config: CliRerankConfig): Promise<Reranker> {
  const entry = cliRerankerPackages.find((candidate) => candidate.id === config.provider);
  if (!entry) {
    throw new InvalidConfigError({
      subject: 'configuration',
      issues: [
        {
          path: 'rerank.provider',
          message: `unknown reranker ${JSON.stringify(config.provider)}; expected one of ${cliRerankerPackages.map((candidate) => `"${candidate.id}"`).join(', ')}`,
        },
      ],
    });
  }
  const definition = await importOptionalPackage(entry.packageName, () => entry.load(), {
    path: 'rerank.provider',
    needs: `reranker "${entry.id}"`,
  });
  const { candidates: _candidates, ...settings } = config;
  try {
    return createRerankerRegistry([definition]).fromConfig(settings);
  } catch (error) {
    if (!InvalidConfigError.isInstance(error)) throw error;
    throw new InvalidConfigError({
      subject: 'configuration',
      issues: error.issues.map(
        (issue): ConfigIssue => ({
          path: issue.path === '' ? 'rerank' : `rerank.${issue.path}`,
          message: issue.message,
        }),
      ),
      cause: error,
    });
  }
}
