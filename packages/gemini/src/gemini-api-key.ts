import { type ApiKeySource, apiKeySource } from '@embedkit/core/provider';

/**
 * Environment variables searched for the key, in order. Google's SDKs read both, the Python SDK
 * preferring `GOOGLE_API_KEY`; embedkit prefers `GEMINI_API_KEY`, because `GOOGLE_API_KEY` is
 * often set for other Google APIs and a key named for Gemini should win (see API.md).
 */
export const geminiApiKeyEnvVars = ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] as const;

/**
 * The Gemini key, read at call time: the literal `apiKey` passed in code, then `apiKeyEnv` when
 * set, then `GEMINI_API_KEY`, then `GOOGLE_API_KEY`. A missing key names the variable to set.
 */
export function geminiApiKey(options: { apiKey?: string; apiKeyEnv?: string }): ApiKeySource {
  return apiKeySource({
    provider: 'gemini',
    displayName: 'Gemini',
    envNames: geminiApiKeyEnvVars,
    apiKeyEnv: options.apiKeyEnv,
    apiKey: options.apiKey,
    whereToGetOne: 'Keys are issued at https://aistudio.google.com/apikey.',
  });
}
