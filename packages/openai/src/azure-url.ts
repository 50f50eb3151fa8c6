/**
 * The Azure OpenAI embeddings URL for one deployment:
 * `{endpoint}/openai/deployments/{deployment}/embeddings?api-version={apiVersion}`.
 * A trailing slash or an `/openai` suffix on the endpoint (both common in copied settings) is
 * tolerated, and the deployment name is URL-encoded.
 */
export function azureEmbeddingsUrl(options: {
  endpoint: string;
  deployment: string;
  apiVersion: string;
}): string {
  const endpoint = options.endpoint.replace(/\/+$/, '').replace(/\/openai$/, '');
  const deployment = encodeURIComponent(options.deployment);
  const version = encodeURIComponent(options.apiVersion);
  return `${endpoint}/openai/deployments/${deployment}/embeddings?api-version=${version}`;
}

/** `{baseURL}/embeddings`, whether or not the base URL ends with a slash. */
export function openaiEmbeddingsUrl(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, '')}/embeddings`;
}
