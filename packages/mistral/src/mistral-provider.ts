import { defineProvider } from '@embedkit/core';
import { createMistral } from './mistral-embedding.js';
import { mistralSettings } from './mistral-settings.js';

/**
 * Registry definition (`provider: "mistral"`): `createRegistry([mistralProvider])` builds Mistral
 * functions from plain configs such as `{ provider: "mistral", model: "codestral-embed",
 * dimensions: 512, apiKeyEnv: "MISTRAL_API_KEY" }`. The schema holds no secret and no runtime
 * object, so a config can never carry a key. Nothing is registered at import time.
 */
export const mistralProvider = defineProvider({
  id: 'mistral',
  schema: mistralSettings,
  create: (settings) => createMistral(settings),
});
