import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { zodIssues } from '../registry/zod-issues.js';
import type { StoreContext, StoreDefinition } from './store-definition.js';
import type { VectorStore } from './vector-store.js';

/** Builds vector stores from plain config objects, for the store kinds it was given. */
export interface StoreRegistry {
  /** Store kinds this registry knows. */
  readonly kinds: readonly string[];
  has(kind: string): boolean;
  /** The definition of `kind` (for its description), if known. */
  definition(kind: string): StoreDefinition | undefined;
  /**
   * Builds a store from `{ kind, ...settings }` for `context.embedding`. Every problem with the
   * settings is reported at once in an `InvalidConfigError`, with paths under `store.`.
   */
  fromConfig(config: unknown, context: StoreContext): VectorStore;
  /** The problems `fromConfig` would report, without building anything. */
  check(config: unknown): InvalidConfigError | undefined;
}

/** A registry of store definitions, e.g. `createStoreRegistry([memoryStore, milvusLiteStore])`. */
export function createStoreRegistry(definitions: readonly StoreDefinition[]): StoreRegistry {
  const byKind = new Map<string, StoreDefinition>();
  for (const definition of definitions) {
    if (byKind.has(definition.kind)) {
      throw new InvalidConfigError({
        subject: 'store registry',
        issues: [{ path: '', message: `store kind "${definition.kind}" is listed twice` }],
      });
    }
    byKind.set(definition.kind, definition);
  }
  const kinds = [...byKind.keys()];

  const parse = (
    config: unknown,
  ): { definition: StoreDefinition; settings: unknown } | InvalidConfigError => {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      return new InvalidConfigError({
        subject: 'store config',
        issues: [{ path: '', message: 'expected an object such as { "kind": "memory" }' }],
      });
    }
    const { kind, ...settings } = config as { kind?: unknown };
    const definition = typeof kind === 'string' ? byKind.get(kind) : undefined;
    if (!definition) {
      return new InvalidConfigError({
        subject: 'store config',
        issues: [
          {
            path: 'kind',
            message: `${kind === undefined ? 'missing' : `unknown store kind ${JSON.stringify(kind)}`}; expected one of ${kinds.map((id) => `"${id}"`).join(', ')}`,
          },
        ],
      });
    }
    const parsed = definition.schema.safeParse(settings);
    if (!parsed.success) {
      return new InvalidConfigError({
        subject: `${definition.kind} store settings`,
        issues: zodIssues(parsed.error),
      });
    }
    return { definition, settings: parsed.data };
  };

  return {
    kinds,
    has: (kind) => byKind.has(kind),
    definition: (kind) => byKind.get(kind),
    check(config) {
      const result = parse(config);
      return result instanceof InvalidConfigError ? result : undefined;
    },
    fromConfig(config, context) {
      const result = parse(config);
      if (result instanceof InvalidConfigError) throw result;
      return result.definition.create(result.settings, context);
    },
  };
}
