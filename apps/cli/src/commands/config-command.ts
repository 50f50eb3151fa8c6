import type { CliContext } from '../cli-context.js';
import { providerKeyVariables } from '../config/cli-registry.js';

/**
 * `embedkit config`: the resolved configuration. Secrets appear only as the environment variables
 * they are read from, per provider and store, each with whether it is set — never their value.
 */
export function runConfigCommand(context: CliContext): void {
  const embedding = context.embedding.toConfig();
  const store = context.config.store;
  const state = (names: readonly string[]) =>
    Object.fromEntries(names.map((name) => [name, process.env[name] ? 'set' : 'not set']));
  const storeVariables = Object.entries(store)
    .filter(([key, value]) => /env$/i.test(key) && typeof value === 'string')
    .map(([, value]) => value as string);
  const secrets = {
    [`embedding (${embedding.provider})`]: state(
      providerKeyVariables(embedding.provider, embedding),
    ),
    [`store (${store.kind})`]: state(storeVariables),
    ...(context.reranker
      ? {
          [`rerank (${context.reranker.provider})`]: state(
            providerKeyVariables(context.reranker.provider, context.reranker.toConfig()),
          ),
        }
      : {}),
  };
  const resolved = {
    file: context.file ?? null,
    overrides: context.overrides,
    embedding,
    store,
    chunking: context.config.chunking,
    ...(context.reranker
      ? {
          rerank: {
            ...context.reranker.toConfig(),
            ...(context.config.rerank?.candidates === undefined
              ? {}
              : { candidates: context.config.rerank.candidates }),
          },
        }
      : {}),
    secrets,
  };
  process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
}
