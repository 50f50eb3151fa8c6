import { defineProvider } from '@embedkit/core';
import { createOllama } from './ollama-embedding.js';
import { ollamaSettings } from './ollama-settings.js';

/**
 * Registry definition (`provider: "ollama"`): `createRegistry([ollamaProvider])` builds Ollama
 * functions from configs such as `{ provider: "ollama", model: "nomic-embed-text" }`. Nothing is
 * registered at import time; the schema holds no secret.
 */
export const ollamaProvider = defineProvider({
  id: 'ollama',
  schema: ollamaSettings,
  create: (settings) => createOllama(settings),
});
