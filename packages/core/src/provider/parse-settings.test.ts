import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { parseSettings } from './parse-settings.js';

const schema = z
  .object({ model: z.string().default('m'), dimensions: z.number().int().positive().optional() })
  .strict();

const issuesOf = (value: unknown) => {
  try {
    parseSettings(schema, value, 'demo settings');
  } catch (error) {
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    return error as InvalidConfigError;
  }
  throw new Error('expected InvalidConfigError');
};

describe('parseSettings', () => {
  it('returns the parsed data with defaults', () => {
    expect(parseSettings(schema, { dimensions: 4 }, 'demo settings')).toEqual({
      model: 'm',
      dimensions: 4,
    });
  });

  it('lists every problem with its path, naming the subject', () => {
    const error = issuesOf({ dimensions: -1, dimension: 3 });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['', 'dimensions']);
    expect(error.message).toContain('Invalid demo settings (2 problems)');
    expect(error.message).toContain('unknown key dimension');
  });

  it('refuses a literal key and says to name an environment variable instead', () => {
    const error = issuesOf({ apiKey: 'sk-do-not-print-me' });
    expect(error.issues).toEqual([
      { path: '', message: 'unknown key apiKey' },
      { path: 'apiKey', message: expect.stringContaining('"apiKeyEnv"') },
    ]);
    expect(error.message).toContain('environment variable');
    expect(error.message).not.toContain('sk-do-not-print-me');
  });
});
