import { defineReranker } from '@embedkit/core';
import { createCohereReranker } from './cohere-reranker.js';
import { cohereRerankerSettings } from './cohere-reranker-settings.js';

/**
 * Reranker registry definition (`provider: "cohere"`): `createRerankerRegistry([cohereReranker])`
 * builds Cohere rerankers from configs such as `{ provider: "cohere", model: "rerank-v3.5",
 * apiKeyEnv: "COHERE_API_KEY" }`. No secret fits the schema; nothing is registered at import.
 */
export const cohereReranker = defineReranker({
  id: 'cohere',
  schema: cohereRerankerSettings,
  create: (settings) => createCohereReranker(settings),
});
