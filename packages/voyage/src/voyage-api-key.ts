import { type ApiKeySource, apiKeySource } from '@embedkit/core/provider';

/** Variables searched for the key, in order: Voyage's own name, then LangChain's. */
export const voyageApiKeyEnvVars = ['VOYAGE_API_KEY', 'VOYAGEAI_API_KEY'] as const;

/**
 * The Voyage key, read at call time: a literal `apiKey` passed in code, then `apiKeyEnv` when set,
 * then `VOYAGE_API_KEY`, then `VOYAGEAI_API_KEY`. A missing key names the variable to set.
 */
export function voyageApiKey(options: { apiKey?: string; apiKeyEnv?: string }): ApiKeySource {
  return apiKeySource({
    provider: 'voyage',
    displayName: 'Voyage AI',
    envNames: voyageApiKeyEnvVars,
    apiKeyEnv: options.apiKeyEnv,
    apiKey: options.apiKey,
    whereToGetOne:
      'Keys are at https://dashboard.voyageai.com (or as model API keys in MongoDB Atlas).',
  });
}
