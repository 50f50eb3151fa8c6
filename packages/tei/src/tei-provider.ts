import { defineProvider } from '@embedkit/core';
import { createTEI } from './tei-embedding.js';
import { teiSettings } from './tei-settings.js';

/**
 * Registry definition (`provider: "tei"`): `createRegistry([teiProvider])` builds TEI functions
 * from plain configs such as `{ provider: "tei", baseURL: "http://127.0.0.1:8080", model:
 * "BAAI/bge-small-en-v1.5", dimensions: 384 }`. The schema holds no token (only `apiKeyEnv`,
 * the variable's name). Nothing is registered at import time.
 */
export const teiProvider = defineProvider({
  id: 'tei',
  schema: teiSettings,
  create: (settings) => createTEI(settings),
});
