import { type ApiKeySource, apiKeySource } from '@embedkit/core/provider';

/** Environment variables searched for the key, in order (pymilvus reads the second). */
export const mistralApiKeyEnvVars = ['MISTRAL_API_KEY', 'MISTRALAI_API_KEY'] as const;

/**
 * The Mistral key, read at call time: the literal `apiKey` passed in code, then `apiKeyEnv`
 * when set, then `MISTRAL_API_KEY`, then `MISTRALAI_API_KEY`. A missing key names the variable.
 */
export function mistralApiKey(options: { apiKey?: string; apiKeyEnv?: string }): ApiKeySource {
  return apiKeySource({
    provider: 'mistral',
    displayName: 'Mistral',
    envNames: mistralApiKeyEnvVars,
    apiKeyEnv: options.apiKeyEnv,
    apiKey: options.apiKey,
    whereToGetOne: 'Keys are issued at https://console.mistral.ai/api-keys.',
  });
}
