import type { ConfigIssue } from '@embedkit/core';

/**
 * Every string setting under `value` that is a URL with a user name or password in it
 * (`http://user:sk-…@host/v1`), as config issues at its path. A key written into a URL would be
 * printed by `embedkit config` and saved with the collection's config; the message never repeats
 * the URL, since it holds the secret.
 */
export function urlCredentialIssues(
  value: unknown,
  path: string,
  keyVariables: readonly string[],
): ConfigIssue[] {
  if (typeof value === 'string') {
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value)) return [];
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return [];
    }
    if (parsed.username === '' && parsed.password === '') return [];
    const variable =
      keyVariables.length > 0
        ? `the key variable (${keyVariables.join(' or ')}; another name with "apiKeyEnv")`
        : 'an environment variable named by the setting ending in "Env" (apiKeyEnv, tokenEnv)';
    return [
      {
        path,
        message: `holds credentials (user:password@) inside the URL; secrets do not belong in config files. Remove them from the URL and put the key in ${variable}`,
      },
    ];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      urlCredentialIssues(item, `${path}.${index}`, keyVariables),
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      urlCredentialIssues(item, path ? `${path}.${key}` : key, keyVariables),
    );
  }
  return [];
}
