import { defineProvider } from '@embedkit/core';
import { createJina } from './jina-embedding.js';
import { jinaSettings } from './jina-settings.js';

/**
 * Registry definition (`provider: "jina"`): `createRegistry([jinaProvider])` builds Jina
 * functions from plain configs such as `{ provider: "jina", model: "jina-embeddings-v3",
 * dimensions: 512, apiKeyEnv: "JINA_API_KEY" }`. The schema holds no secret and no runtime
 * object, so a config can never carry a key. Nothing is registered at import time.
 */
export const jinaProvider = defineProvider({
  id: 'jina',
  schema: jinaSettings,
  create: (settings) => createJina(settings),
});
