/**
 * Removes secrets from text that may reach an error message: every given secret verbatim, and
 * anything shaped like a bearer token or a known provider key.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result
    .replace(/(bearer\s+)[^\s"',]+/gi, '$1[redacted]')
    .replace(/\b(jina_|sk-)[A-Za-z0-9_-]{8,}/g, '$1[redacted]');
}
