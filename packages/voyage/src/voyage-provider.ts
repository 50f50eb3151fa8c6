import { defineProvider } from '@embedkit/core';
import { createVoyage } from './voyage-embedding.js';
import { voyageSettings } from './voyage-settings.js';

/**
 * Registry definition (`provider: "voyage"`): `createRegistry([voyageProvider])` builds Voyage
 * functions from plain configs such as `{ provider: "voyage", model: "voyage-3.5", dimensions:
 * 512, apiKeyEnv: "VOYAGE_API_KEY" }`. The schema holds no secret and no runtime object, so a
 * config can never carry a key. Nothing is registered at import time.
 */
export const voyageProvider = defineProvider({
  id: 'voyage',
  schema: voyageSettings,
  create: (settings) => createVoyage(settings),
});
