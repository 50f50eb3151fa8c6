import { type ApiKeySource, apiKeySource } from '@embedkit/core/provider';

/**
 * Environment variables searched for the key, in order: `NOMIC_API_KEY` (LangChain, the Python
 * tooling), then `ATLAS_API_KEY` (Nomic's TypeScript client).
 */
export const nomicApiKeyEnvVars = ['NOMIC_API_KEY', 'ATLAS_API_KEY'] as const;

/**
 * The Nomic key, read at call time: the literal `apiKey` passed in code, then `apiKeyEnv` when
 * set, then `NOMIC_API_KEY`, then `ATLAS_API_KEY`. A missing key names the variable to set.
 */
export function nomicApiKey(options: { apiKey?: string; apiKeyEnv?: string }): ApiKeySource {
  return apiKeySource({
    provider: 'nomic',
    displayName: 'Nomic',
    envNames: nomicApiKeyEnvVars,
    apiKeyEnv: options.apiKeyEnv,
    apiKey: options.apiKey,
    whereToGetOne:
      'Keys are issued at https://atlas.nomic.ai (API keys tab of your organisation); they look like "nk-…".',
  });
}
