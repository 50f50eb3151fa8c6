import { defineReranker } from '@embedkit/core';
import { createTEIReranker } from './tei-reranker.js';
import { teiRerankerSettings } from './tei-reranker-settings.js';

/**
 * Reranker registry definition (`provider: "tei"`): `createRerankerRegistry([teiReranker])`
 * builds TEI rerankers from configs such as `{ provider: "tei", model: "BAAI/bge-reranker-base",
 * baseURL: "http://127.0.0.1:8080" }`. No secret fits the schema; nothing is registered at import.
 */
export const teiReranker = defineReranker({
  id: 'tei',
  schema: teiRerankerSettings,
  create: (settings) => createTEIReranker(settings),
});
