import { createRegistry, hashingProvider, InvalidConfigError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-embedding.js';
import { openaiProvider } from './openai-provider.js';
import { parseResetDuration, rateLimitResetMs } from './openai-rate-limit-headers.js';

const configError = (build: () => unknown) => {
  try {
    build();
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidConfigError');
};

describe('openai settings', () => {
  it('refuses dimensions a model does not take, out of range, or misspelt — all at once', () => {
    expect(
      configError(() => createOpenAI({ model: 'text-embedding-ada-002', dimensions: 512 })).issues,
    ).toEqual([
      { path: 'dimensions', message: expect.stringContaining('does not accept dimensions') },
    ]);
    expect(configError(() => createOpenAI({ dimensions: 4096 })).message).toContain('1 to 1536');
    const error = configError(() =>
      createOpenAI({ dimension: 256, encodingFormat: 'binary', timeoutMs: -1 } as never),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      '',
      'encodingFormat',
      'timeoutMs',
    ]);
    expect(error.message).toContain('unknown key dimension');
    const both = configError(() =>
      createOpenAI({
        baseURL: 'https://example.test/v1',
        azure: { endpoint: 'https://res.openai.azure.com' },
      }),
    );
    expect(both.issues).toEqual([{ path: 'baseURL', message: expect.stringContaining('azure') }]);
  });

  it('describes itself without the key and round-trips through the registry', () => {
    const embedding = createOpenAI(
      {
        model: 'text-embedding-3-large',
        dimensions: 1024,
        baseURL: 'https://gateway.example.test/v1',
        organization: 'org-9',
      },
      { apiKey: 'do-not-store-me-1234' },
    );
    const config = embedding.toConfig();
    expect(config).toEqual({
      provider: 'openai',
      model: 'text-embedding-3-large',
      dim: 1024,
      dimensions: 1024,
      baseURL: 'https://gateway.example.test/v1',
      organization: 'org-9',
      encodingFormat: 'base64',
    });
    const rebuilt = createRegistry([openaiProvider]).fromConfig(config);
    expect(rebuilt.toConfig()).toEqual(config);
  });

  it('keeps a rateLimit in the config, and refuses a bad one readably', () => {
    const rateLimit = { requestsPerMinute: 3000, tokensPerMinute: 1_000_000 };
    const config = createOpenAI({ rateLimit }, { apiKey: 'sk-test' }).toConfig();
    expect(config.rateLimit).toEqual(rateLimit);
    expect(createRegistry([openaiProvider]).fromConfig(config).toConfig()).toEqual(config);
    const error = configError(() =>
      createOpenAI({ rateLimit: { tokensPerMinute: -1, windowMs: 0.5 } }),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'rateLimit.tokensPerMinute',
      'rateLimit.windowMs',
    ]);
    expect(error.message).toContain('expected a number above 0');
  });

  it('keeps keys out of config files: apiKey is refused, apiKeyEnv names the variable', () => {
    const registry = createRegistry([openaiProvider]);
    expect(() => registry.fromConfig({ provider: 'openai', apiKey: 'sk-nope' })).toThrow(/apiKey/);
    const built = registry.fromConfig({ provider: 'openai', apiKeyEnv: 'TEAM_OPENAI_KEY' });
    expect(built.toConfig()).toMatchObject({ apiKeyEnv: 'TEAM_OPENAI_KEY', dim: 1536 });
  });

  it('switches between hashing and OpenAI by editing one config', () => {
    const registry = createRegistry([hashingProvider, openaiProvider]);
    const config: Record<string, unknown> = { provider: 'hashing', dimensions: 256 };
    expect(registry.fromConfig(config).provider).toBe('hashing');
    const swapped = registry.fromConfig({ ...config, provider: 'openai' });
    expect([swapped.provider, swapped.model, swapped.dim]).toEqual([
      'openai',
      'text-embedding-3-small',
      256,
    ]);
  });
});

describe('rate-limit headers', () => {
  it('parses OpenAI reset durations', () => {
    expect(parseResetDuration('20ms')).toBe(20);
    expect(parseResetDuration('1.5s')).toBe(1500);
    expect(parseResetDuration('6m0s')).toBe(360_000);
    expect(parseResetDuration('1h2m3s')).toBe(3_723_000);
    expect(parseResetDuration('soon')).toBeUndefined();
  });

  it('waits for the exhausted budget', () => {
    expect(
      rateLimitResetMs({
        'x-ratelimit-remaining-requests': '12',
        'x-ratelimit-reset-requests': '120ms',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-tokens': '2s',
      }),
    ).toBe(2000);
    expect(rateLimitResetMs({})).toBeUndefined();
  });
});
