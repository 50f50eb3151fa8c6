import { createRegistry, hashingProvider, type Registry } from '@embedkit/core';
import { jinaProvider } from '@embedkit/jina';
import { localProvider } from '@embedkit/local';
import { openaiProvider } from '@embedkit/openai';

/** Every provider the CLI can build from config. Add a provider here to make it configurable. */
export function cliRegistry(): Registry {
  return createRegistry([hashingProvider, jinaProvider, openaiProvider, localProvider]);
}
