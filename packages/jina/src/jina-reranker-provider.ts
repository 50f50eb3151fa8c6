import { defineReranker } from '@embedkit/core';
import { createJinaReranker } from './jina-reranker.js';
import { jinaRerankerSettings } from './jina-reranker-settings.js';

/**
 * Reranker registry definition (`provider: "jina"`): `createRerankerRegistry([jinaReranker])`
 * builds Jina rerankers from configs such as `{ provider: "jina", model:
 * "jina-reranker-v2-base-multilingual", apiKeyEnv: "JINA_API_KEY" }`. No secret fits the schema.
 */
export const jinaReranker = defineReranker({
  id: 'jina',
  schema: jinaRerankerSettings,
  create: (settings) => createJinaReranker(settings),
});
