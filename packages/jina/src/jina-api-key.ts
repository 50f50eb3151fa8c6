import { AuthenticationError } from '@embedkit/core';

/** Environment variables searched for the key, in order (pymilvus reads the second). */
export const jinaApiKeyEnvVars = ['JINA_API_KEY', 'JINAAI_API_KEY'] as const;

/**
 * Finds the API key at call time, not at construction: a function can be built (and its config
 * stored) in code that never holds the key, and a key set after construction is picked up.
 * Order: `apiKey`, then `apiKeyEnv` when given, then `JINA_API_KEY`, then `JINAAI_API_KEY`.
 */
export function loadJinaApiKey(settings: { apiKey?: string; apiKeyEnv?: string }): string {
  if (settings.apiKey) return settings.apiKey;
  const names = [settings.apiKeyEnv, ...jinaApiKeyEnvVars].filter(
    (name): name is string => name !== undefined,
  );
  for (const name of names) {
    const value = process.env[name]?.trim();
    if (value) return value;
  }
  throw new AuthenticationError({
    provider: 'jina',
    message: `No Jina API key found. Set the ${names[0]} environment variable (${names
      .slice(1)
      .join(
        ' and ',
      )} are also read), or pass apiKey to createJina. Keys are at https://jina.ai/api-dashboard.`,
  });
}

/** The sentence added to 401 errors. */
export function jinaAuthHint(settings: { apiKeyEnv?: string }): string {
  const name = settings.apiKeyEnv ?? jinaApiKeyEnvVars[0];
  return `Check the key in ${name} (or the apiKey setting): Jina keys look like "jina_" followed by 60 characters.`;
}
