import { type ApiKeySource, apiKeySource } from '@embedkit/core/provider';
import { azureEmbeddingsUrl, openaiEmbeddingsUrl } from './azure-url.js';

/** OpenAI's own API root; any other base URL is "a compatible server". */
export const defaultBaseURL = 'https://api.openai.com/v1';

/** Where every call goes and how it authenticates; the key itself is read at each call. */
export interface OpenAIEndpoint {
  readonly url: string;
  /** Headers besides the key (`OpenAI-Organization`, `OpenAI-Project`). */
  readonly headers: Record<string, string>;
  /** The key, read lazily. */
  readonly apiKey: ApiKeySource;
  /** Whether a missing key fails before anything is sent (OpenAI, Azure, a named `apiKeyEnv`). */
  readonly requireKey: boolean;
  /** The headers that carry the key: `authorization: Bearer …`, or Azure's `api-key`. */
  readonly authHeaders: (key: string) => Record<string, string>;
}

export interface EndpointSettings {
  model: string;
  apiKeyEnv?: string;
  baseURL?: string;
  organization?: string;
  project?: string;
  azure?: { endpoint: string; deployment?: string; apiVersion: string };
}

/**
 * Resolves the URL and auth of every call. The key is read at call time, so creating a function
 * never needs it and a key rotated in the environment is picked up.
 *
 * OpenAI and Azure need a key: a missing one is an `AuthenticationError` naming the variable to
 * set, before anything is sent. A custom `baseURL` (Ollama, vLLM, …) often needs none, so without
 * a key no `Authorization` header is sent — unless `apiKeyEnv` was named explicitly.
 */
export function resolveEndpoint(
  settings: EndpointSettings,
  runtime: { apiKey?: string } = {},
  environment: NodeJS.ProcessEnv = process.env,
): OpenAIEndpoint {
  const azure = settings.azure;
  const apiKey = apiKeySource({
    provider: 'openai',
    displayName: azure ? 'Azure OpenAI' : 'OpenAI',
    envNames: [azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY'],
    apiKeyEnv: settings.apiKeyEnv,
    apiKey: runtime.apiKey,
    environment,
  });
  const requireKey =
    azure !== undefined ||
    settings.apiKeyEnv !== undefined ||
    (settings.baseURL ?? defaultBaseURL) === defaultBaseURL;
  if (azure) {
    return {
      url: azureEmbeddingsUrl({
        endpoint: azure.endpoint,
        deployment: azure.deployment ?? settings.model,
        apiVersion: azure.apiVersion,
      }),
      headers: {},
      apiKey,
      requireKey,
      authHeaders: (key) => ({ 'api-key': key }),
    };
  }
  const headers: Record<string, string> = {};
  if (settings.organization) headers['openai-organization'] = settings.organization;
  if (settings.project) headers['openai-project'] = settings.project;
  return {
    url: openaiEmbeddingsUrl(settings.baseURL ?? defaultBaseURL),
    headers,
    apiKey,
    requireKey,
    authHeaders: (key) => ({ authorization: `Bearer ${key}` }),
  };
}
