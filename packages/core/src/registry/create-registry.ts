import type { EmbeddingConfig } from '../embedding/embedding-config.js';
import type { EmbeddingFunction } from '../embedding/embedding-function.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { ProviderDefinition } from './provider-definition.js';
import { zodIssues } from './zod-issues.js';

/** A provider definition building `Built`: `ProviderDefinition` for embedding functions. */
export type RegistryDefinition<Built> = Omit<ProviderDefinition, 'create'> & {
  create(settings: never): Built;
};

/**
 * Builds embedding functions from plain config objects, for the providers it was given. The same
 * registry builds sparse embedding functions (`createSparseRegistry`): `Built` is what its
 * definitions create.
 */
export interface Registry<Built extends RegistryProduct = EmbeddingFunction> {
  /** Provider ids this registry knows. */
  readonly providers: readonly string[];
  has(provider: string): boolean;
  /**
   * Builds a function from `{ provider, ...settings }`. A `dim` in the config (as `toConfig()`
   * writes it) is checked against the built function, so a stale config cannot silently change
   * the vector size. Every problem is reported at once in an `InvalidConfigError`.
   */
  fromConfig(config: unknown): Built;
}

/** What a registry's definitions build: the registry checks a config's `dim` against it. */
export interface RegistryProduct {
  readonly model: string;
  readonly dim: number;
}

export function createRegistry<Built extends RegistryProduct = EmbeddingFunction>(
  definitions: readonly RegistryDefinition<Built>[],
): Registry<Built> {
  const byId = new Map<string, RegistryDefinition<Built>>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) {
      throw new InvalidConfigError({
        subject: 'registry',
        issues: [{ path: '', message: `provider "${definition.id}" is listed twice` }],
      });
    }
    byId.set(definition.id, definition);
  }
  const known = [...byId.keys()];
  return {
    providers: known,
    has: (provider) => byId.has(provider),
    fromConfig(config) {
      if (typeof config !== 'object' || config === null || Array.isArray(config)) {
        throw new InvalidConfigError({
          subject: 'embedding config',
          issues: [{ path: '', message: 'expected an object such as { "provider": "hashing" }' }],
        });
      }
      const { provider, dim, ...settings } = config as Partial<EmbeddingConfig>;
      const definition = typeof provider === 'string' ? byId.get(provider) : undefined;
      if (!definition) {
        throw new InvalidConfigError({
          subject: 'embedding config',
          issues: [
            {
              path: 'provider',
              message: `${provider === undefined ? 'missing' : `unknown provider ${JSON.stringify(provider)}`}; expected one of ${known.map((id) => `"${id}"`).join(', ')}`,
            },
          ],
        });
      }
      if (dim !== undefined && (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0)) {
        throw new InvalidConfigError({
          subject: `${definition.id} settings`,
          issues: [
            {
              path: 'dim',
              message: `expected a whole number of dimensions (as toConfig() writes it), got ${JSON.stringify(dim)}`,
            },
          ],
        });
      }
      const parsed = definition.schema.safeParse(settings);
      if (!parsed.success) {
        throw new InvalidConfigError({
          subject: `${definition.id} settings`,
          issues: zodIssues(parsed.error),
        });
      }
      const created = definition.create(parsed.data as never);
      if (dim !== undefined && created.dim !== 0 && created.dim !== dim) {
        throw new InvalidConfigError({
          subject: `${definition.id} settings`,
          issues: [
            {
              path: 'dim',
              message: `the config says ${String(dim)} dimensions but ${created.model} with these settings produces ${created.dim}`,
            },
          ],
        });
      }
      return created;
    },
  };
}
