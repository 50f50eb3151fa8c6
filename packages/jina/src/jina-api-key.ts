import { type ApiKeySource, apiKeySource } from '@embedkit/core/provider';

/** Environment variables searched for the key, in order (pymilvus reads the second). */
export const jinaApiKeyEnvVars = ['JINA_API_KEY', 'JINAAI_API_KEY'] as const;

/**
 * The Jina key, read at call time: the literal `apiKey` passed in code, then `apiKeyEnv` when
 * set, then `JINA_API_KEY`, then `JINAAI_API_KEY`. A missing key names the variable to set.
 */
export function jinaApiKey(options: { apiKey?: string; apiKeyEnv?: string }): ApiKeySource {
  return apiKeySource({
    provider: 'jina',
    displayName: 'Jina',
    envNames: jinaApiKeyEnvVars,
    apiKeyEnv: options.apiKeyEnv,
    apiKey: options.apiKey,
    whereToGetOne:
      'Keys are at https://jina.ai/api-dashboard; they look like "jina_" followed by 60 characters.',
  });
}
