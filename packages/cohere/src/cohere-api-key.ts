import { type ApiKeySource, apiKeySource } from '@embedkit/core/provider';

/** Variables searched for the key, in order: embedkit's name, then the one Cohere's SDKs read. */
export const cohereApiKeyEnvVars = ['COHERE_API_KEY', 'CO_API_KEY'] as const;

/**
 * The Cohere key, read at call time: a literal `apiKey` passed in code, then `apiKeyEnv` when set,
 * then `COHERE_API_KEY`, then `CO_API_KEY`. A missing key names the variable to set.
 */
export function cohereApiKey(options: { apiKey?: string; apiKeyEnv?: string }): ApiKeySource {
  return apiKeySource({
    provider: 'cohere',
    displayName: 'Cohere',
    envNames: cohereApiKeyEnvVars,
    apiKeyEnv: options.apiKeyEnv,
    apiKey: options.apiKey,
    whereToGetOne: 'Keys (trial or production) are at https://dashboard.cohere.com/api-keys.',
  });
}
