import { defineProvider, InvalidConfigError } from '@embedkit/core';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { z } from 'zod';
import { fromLangChain } from './langchain-embedding.js';
import { langchainEmbeddingSettings } from './langchain-settings.js';

/**
 * A registry definition (`provider: "langchain"`) over the LangChain `Embeddings` objects an app
 * brings, by name: `{ provider: "langchain", name: "openai-small", rateLimit: {…} }` wraps
 * `embeddings["openai-small"]` with `fromLangChain`. The objects hold their own keys, so they are
 * handed over in code and a config only names them; a function built with `fromLangChain(…, {
 * name })` has a `toConfig()` that rebuilds an equal one here.
 */
export function createLangChainProvider(embeddings: Readonly<Record<string, EmbeddingsInterface>>) {
  return defineProvider({
    id: 'langchain',
    schema: langchainEmbeddingSettings.extend({
      name: z.string().min(1),
      /** Written by `toConfig()` for the record; the object named by `name` is what counts. */
      langchainClass: z.string().optional(),
      /** Written by `toConfig()` (the function's model, which is `name`). */
      model: z.string().optional(),
    }),
    create: ({ langchainClass: _className, model: _model, ...settings }) => {
      const chosen = embeddings[settings.name];
      if (chosen === undefined) {
        throw new InvalidConfigError({
          subject: 'langchain config',
          issues: [
            {
              path: 'name',
              message: `no Embeddings named "${settings.name}" was given to createLangChainProvider (it has: ${Object.keys(embeddings).join(', ') || 'none'}); add it`,
            },
          ],
        });
      }
      return fromLangChain(chosen, settings);
    },
  });
}
