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

/** The first `length` characters of a body, on one line, for error messages. */
export function excerpt(text: string, length = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
