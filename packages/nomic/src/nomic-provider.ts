import { defineProvider } from '@embedkit/core';
import { createNomic } from './nomic-embedding.js';
import { nomicSettings } from './nomic-settings.js';

/**
 * Registry definition (`provider: "nomic"`): `createRegistry([nomicProvider])` builds Nomic
 * functions from plain configs such as `{ provider: "nomic", model: "nomic-embed-text-v1.5",
 * dimensions: 256, apiKeyEnv: "NOMIC_API_KEY" }`. The schema holds no secret and no runtime
 * object, so a config can never carry a key. Nothing is registered at import time.
 */
export const nomicProvider = defineProvider({
  id: 'nomic',
  schema: nomicSettings,
  create: (settings) => createNomic(settings),
});
