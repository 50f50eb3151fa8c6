import type { z } from 'zod';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { zodIssues } from '../registry/zod-issues.js';

/**
 * Validates a provider's settings at its factory and returns the parsed data (defaults applied),
 * or throws one `InvalidConfigError` listing every problem with its path. `subject` names what was
 * configured in the message, e.g. `jina settings`. A key that looks like a secret (`apiKey`) in a
 * strict schema is reported with the fix (an environment variable named by `apiKeyEnv`, or the
 * factory's second argument), because registry schemas never hold secret values.
 */
export function parseSettings<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  subject: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidConfigError({ subject, issues: zodIssues(parsed.error) });
  }
  return parsed.data;
}
