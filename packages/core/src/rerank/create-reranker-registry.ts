import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { zodIssues } from '../registry/zod-issues.js';
import type { Reranker } from './reranker.js';
import type { RerankerDefinition } from './reranker-definition.js';

/** Builds rerankers from plain config objects, for the providers it was given. */
export interface RerankerRegistry {
  /** Provider ids this registry knows. */
  readonly providers: readonly string[];
  has(provider: string): boolean;
  /**
   * Builds a reranker from `{ provider, ...settings }`, as `toConfig()` writes it. Every problem
   * is reported at once in an `InvalidConfigError`.
   */
  fromConfig(config: unknown): Reranker;
}

/** A registry of reranker definitions; the same provider listed twice is refused. */
export function createRerankerRegistry(
  definitions: readonly RerankerDefinition[],
): RerankerRegistry {
  const byId = new Map<string, RerankerDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) {
      throw new InvalidConfigError({
        subject: 'reranker registry',
        issues: [{ path: '', message: `reranker "${definition.id}" is listed twice` }],
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
          subject: 'reranker config',
          issues: [{ path: '', message: 'expected an object such as { "provider": "cohere" }' }],
        });
      }
      const { provider, ...settings } = config as { provider?: unknown };
      const definition = typeof provider === 'string' ? byId.get(provider) : undefined;
      if (!definition) {
        throw new InvalidConfigError({
          subject: 'reranker config',
          issues: [
            {
              path: 'provider',
              message: `${provider === undefined ? 'missing' : `unknown reranker ${JSON.stringify(provider)}`}; expected one of ${known.map((id) => `"${id}"`).join(', ') || '(none registered)'}`,
            },
          ],
        });
      }
      const parsed = definition.schema.safeParse(settings);
      if (!parsed.success) {
        throw new InvalidConfigError({
          subject: `${definition.id} reranker settings`,
          issues: zodIssues(parsed.error),
        });
      }
      return definition.create(parsed.data);
    },
  };
}
