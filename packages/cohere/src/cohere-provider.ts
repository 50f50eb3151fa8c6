import { defineProvider } from '@embedkit/core';
import { createCohere } from './cohere-embedding.js';
import { cohereSettings } from './cohere-settings.js';

/**
 * Registry definition (`provider: "cohere"`): `createRegistry([cohereProvider])` builds Cohere
 * functions from plain configs such as `{ provider: "cohere", model: "embed-v4.0", dimensions:
 * 512, apiKeyEnv: "COHERE_API_KEY" }`. The schema holds no secret and no runtime object, so a
 * config can never carry a key. Nothing is registered at import time.
 */
export const cohereProvider = defineProvider({
  id: 'cohere',
  schema: cohereSettings,
  create: (settings) => createCohere(settings),
});
