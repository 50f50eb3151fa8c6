import type { z } from 'zod';
import type { ConfigIssue } from '../errors/invalid-config-error.js';

/** Keys that would hold a secret value; settings schemas never have them. */
const secretKey = /^(api_?key|token|secret|password)$/i;

/**
 * Turns zod's issues into `ConfigIssue`s with dotted paths, under an optional prefix. An unknown
 * key that looks like a secret (`apiKey`) gets a second issue saying where the key goes instead.
 */
export function zodIssues(error: z.ZodError, prefix = ''): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => [path, key].filter(Boolean).join('.'));
      const secrets = keys.filter((key) => secretKey.test(key.split('.').at(-1)!));
      return [
        { path, message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` },
        ...secrets.map((key) => ({
          path: key,
          message:
            'secrets do not belong in settings or config files; put the key in an environment variable and name it with "apiKeyEnv" (or pass { apiKey } in the second argument of the factory)',
        })),
      ];
    }
    return [{ path, message: issue.message }];
  });
}
