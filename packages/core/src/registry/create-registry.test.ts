import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answer } from '../batch/fake-provider.test-helpers.js';
import { createEmbeddingFunction } from '../embedding/create-embedding-function.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { hashingProvider } from '../hashing/hashing-provider.js';
import { createRegistry } from './create-registry.js';
import { defineProvider } from './provider-definition.js';

/** A provider that, like the real ones, takes its key from an environment variable at call time. */
const keyed = defineProvider({
  id: 'keyed',
  schema: z
    .object({
      model: z.string().min(1),
      dimensions: z.number().int().min(1).max(64).default(8),
      apiKeyEnv: z.string().default('KEYED_API_KEY'),
    })
    .strict(),
  create: (settings) =>
    createEmbeddingFunction({
      provider: 'keyed',
      model: settings.model,
      dim: settings.dimensions,
      limits: { maxInputsPerCall: 8, supportsParallelCalls: true, concurrency: 2 },
      settings: { dimensions: settings.dimensions, apiKeyEnv: settings.apiKeyEnv },
      embedBatch: async ({ inputs }) => {
        if (!process.env[settings.apiKeyEnv]) throw new Error('no key');
        return answer(inputs, settings.dimensions);
      },
    }),
});

const registry = createRegistry([hashingProvider, keyed]);

const problems = (config: unknown) => {
  try {
    registry.fromConfig(config);
  } catch (error) {
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    return error as InvalidConfigError;
  }
  throw new Error('expected InvalidConfigError');
};

describe('createRegistry', () => {
  it('knows its providers and builds functions from plain config', () => {
    expect(registry.providers).toEqual(['hashing', 'keyed']);
    expect(registry.has('keyed')).toBe(true);
    expect(registry.has('openai')).toBe(false);
    const embedding = registry.fromConfig({ provider: 'hashing', dimensions: 64 });
    expect(embedding).toMatchObject({ provider: 'hashing', model: 'hashing-v1', dim: 64 });
  });

  it('round-trips toConfig into an equal function', async () => {
    const embedding = registry.fromConfig({ provider: 'hashing', dimensions: 32, charNgram: 4 });
    const config = embedding.toConfig();
    const rebuilt = registry.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(rebuilt.toConfig()).toEqual(config);
    expect(rebuilt.space).toEqual(embedding.space);
    expect(await rebuilt.embed(['same text'])).toEqual(await embedding.embed(['same text']));
  });

  it('refers to secrets by environment variable name only', async () => {
    const secret = 'very-secret-key-value';
    process.env.KEYED_TEST_KEY = secret;
    try {
      const embedding = registry.fromConfig({
        provider: 'keyed',
        model: 'm',
        apiKeyEnv: 'KEYED_TEST_KEY',
      });
      expect(await embedding.embed(['hello'])).toHaveLength(1);
      const config = embedding.toConfig();
      expect(config.apiKeyEnv).toBe('KEYED_TEST_KEY');
      expect(JSON.stringify(config)).not.toContain(secret);
    } finally {
      delete process.env.KEYED_TEST_KEY;
    }
  });

  it('lists every problem with its path: unknown keys, wrong types, out-of-range numbers', () => {
    const error = problems({
      provider: 'keyed',
      model: 7,
      dimensions: 100,
      colour: 'red',
      apiKey: 'x',
    });
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['model', 'dimensions', '']));
    expect(error.issues.find((issue) => issue.path === '')!.message).toContain('colour, apiKey');
    expect(error.message).toContain('Invalid keyed settings');
    expect(error.message).toContain('dimensions:');
  });

  it('refuses an unknown or missing provider, naming the known ones', () => {
    const unknown = problems({ provider: 'nope' });
    expect(unknown.issues[0]).toMatchObject({ path: 'provider' });
    expect(unknown.message).toContain(
      'unknown provider "nope"; expected one of "hashing", "keyed"',
    );
    expect(problems({ model: 'x' }).issues[0]!.message).toContain('missing');
    for (const notObject of [null, 'hashing', ['hashing'], 3]) {
      expect(problems(notObject).issues[0]!.path).toBe('');
    }
  });

  it('refuses a config whose recorded dim the settings no longer produce', () => {
    const error = problems({ provider: 'hashing', dimensions: 64, dim: 128 });
    expect(error.issues[0]).toMatchObject({ path: 'dim' });
    expect(error.issues[0]!.message).toContain('128');
    expect(error.issues[0]!.message).toContain('64');
  });

  it('refuses a recorded dim that is not a whole number', () => {
    for (const dim of ['64', -1, 1.5]) {
      const error = problems({ provider: 'hashing', dimensions: 64, dim });
      expect(error.issues[0]).toMatchObject({ path: 'dim' });
    }
  });

  it('refuses the same provider listed twice', () => {
    expect(() => createRegistry([hashingProvider, hashingProvider])).toThrow(InvalidConfigError);
  });
});
