import { defineProvider } from '@embedkit/core';
import { createOpenAI } from './openai-embedding.js';
import { openaiConfigSchema } from './openai-settings.js';

/**
 * Registry definition (`provider: "openai"`), for building functions from config files:
 * `createRegistry([openaiProvider])`. Configs name the key's environment variable (`apiKeyEnv`)
 * and never hold the key. Nothing registers itself at import time.
 */
export const openaiProvider = defineProvider({
  id: 'openai',
  schema: openaiConfigSchema,
  create: (settings) => createOpenAI(settings),
});
