import type { CliContext } from '../cli-context.js';

/**
 * `embedkit config`: the resolved configuration. Secrets appear only as the environment variable
 * they come from, with whether it is set — never their value.
 */
export function runConfigCommand(context: CliContext): void {
  const embedding = context.embedding.toConfig();
  const secretVariables = new Set<string>();
  for (const [key, value] of Object.entries(embedding)) {
    if (/env$/i.test(key) && typeof value === 'string') secretVariables.add(value);
  }
  for (const [key, value] of Object.entries(context.config.store)) {
    if (/env$/i.test(key) && typeof value === 'string') secretVariables.add(value);
  }
  const secrets = Object.fromEntries(
    [...secretVariables].map((name) => [name, process.env[name] ? 'set' : 'not set']),
  );
  const resolved = {
    file: context.file ?? null,
    overrides: context.overrides,
    embedding,
    store: context.config.store,
    chunking: context.config.chunking,
    secrets,
  };
  process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
}
