import { AuthenticationError } from '@embedkit/core';
import { azureEmbeddingsUrl, openaiEmbeddingsUrl } from './azure-url.js';

/** OpenAI's own API root; any other base URL is "a compatible server". */
export const defaultBaseURL = 'https://api.openai.com/v1';

/** Where one call goes and how it authenticates. */
export interface OpenAIEndpoint {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The key in use, so it can be redacted from every error. */
  readonly apiKey: string | undefined;
  /** Appended to 401 errors: which variable or setting holds the key. */
  readonly authHint: string;
}

export interface EndpointSettings {
  model: string;
  apiKey?: string;
  apiKeyEnv?: string;
  baseURL?: string;
  organization?: string;
  project?: string;
  azure?: { endpoint: string; deployment?: string; apiVersion: string };
}

/**
 * Resolves the URL and auth headers for a call. The key is read here, at call time, so creating a
 * function never needs it and a key rotated in the environment is picked up.
 *
 * OpenAI and Azure need a key: a missing one is an `AuthenticationError` naming the variable to
 * set, before anything is sent. A custom `baseURL` (Ollama, vLLM, …) often needs none, so without
 * a key no `Authorization` header is sent — unless `apiKeyEnv` was named explicitly.
 */
export function resolveEndpoint(
  settings: EndpointSettings,
  environment: NodeJS.ProcessEnv = process.env,
): OpenAIEndpoint {
  const azure = settings.azure;
  const variable = settings.apiKeyEnv ?? (azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY');
  const apiKey = settings.apiKey ?? nonEmpty(environment[variable]);
  const authHint = settings.apiKey
    ? 'The apiKey setting was refused; check it.'
    : `Set ${variable} to a valid key (or pass apiKey).`;
  const keyRequired =
    azure !== undefined ||
    settings.apiKeyEnv !== undefined ||
    (settings.baseURL ?? defaultBaseURL) === defaultBaseURL;
  if (!apiKey && keyRequired) {
    throw new AuthenticationError({
      provider: 'openai',
      message: `No API key for ${azure ? 'Azure OpenAI' : 'OpenAI'}: ${variable} is not set and no apiKey was given. Set ${variable} (or pass apiKey); nothing was sent.`,
    });
  }

  if (azure) {
    return {
      url: azureEmbeddingsUrl({
        endpoint: azure.endpoint,
        deployment: azure.deployment ?? settings.model,
        apiVersion: azure.apiVersion,
      }),
      headers: { 'api-key': apiKey! },
      apiKey,
      authHint,
    };
  }
  const headers: Record<string, string> = {};
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (settings.organization) headers['openai-organization'] = settings.organization;
  if (settings.project) headers['openai-project'] = settings.project;
  return {
    url: openaiEmbeddingsUrl(settings.baseURL ?? defaultBaseURL),
    headers,
    apiKey,
    authHint,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
