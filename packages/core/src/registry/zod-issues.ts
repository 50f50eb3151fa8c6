import type { z } from 'zod';
import type { ConfigIssue } from '../errors/invalid-config-error.js';

/** Turns zod's issues into `ConfigIssue`s with dotted paths, under an optional prefix. */
export function zodIssues(error: z.ZodError, prefix = ''): ConfigIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => [path, key].filter(Boolean).join('.'));
      return { path, message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` };
    }
    return { path, message: issue.message };
  });
}
