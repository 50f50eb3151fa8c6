import { defineProvider } from '@embedkit/core';
import { createGemini } from './gemini-embedding.js';
import { geminiSettings } from './gemini-settings.js';

/**
 * Registry definition (`provider: "gemini"`): `createRegistry([geminiProvider])` builds Gemini
 * functions from plain configs such as `{ provider: "gemini", model: "gemini-embedding-001",
 * dimensions: 768, apiKeyEnv: "GEMINI_API_KEY" }`. The schema holds no secret and no runtime
 * object, so a config can never carry a key. Nothing is registered at import time.
 */
export const geminiProvider = defineProvider({
  id: 'gemini',
  schema: geminiSettings,
  create: (settings) => createGemini(settings),
});
