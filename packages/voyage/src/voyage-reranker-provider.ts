import { defineReranker } from '@embedkit/core';
import { createVoyageReranker } from './voyage-reranker.js';
import { voyageRerankerSettings } from './voyage-reranker-settings.js';

/**
 * Reranker registry definition (`provider: "voyage"`): `createRerankerRegistry([voyageReranker])`
 * builds Voyage rerankers from configs such as `{ provider: "voyage", model: "rerank-2.5",
 * apiKeyEnv: "VOYAGE_API_KEY" }`. No secret fits the schema; nothing is registered at import.
 */
export const voyageReranker = defineReranker({
  id: 'voyage',
  schema: voyageRerankerSettings,
  create: (settings) => createVoyageReranker(settings),
});
