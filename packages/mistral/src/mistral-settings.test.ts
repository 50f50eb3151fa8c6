import { InvalidConfigError, InvalidInputError, TimeoutError } from '@embedkit/core';
import { startMistralSimulator, withArrivalSlack } from '@embedkit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMistral } from './mistral-embedding.js';
import { fastRetry, mistralAt, sentBodies, useMistralSimulator } from './simulator.test-helpers.js';

const texts = ['def add(a, b): return a + b', 'The red fox hunts at dawn.'];
const configError = (settings: Parameters<typeof createMistral>[0]) => {
  try {
    createMistral(settings);
  } catch (error) {
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected InvalidConfigError');
};

describe('mistral settings: each one changes what is sent or returned', () => {
  const simulator = useMistralSimulator();
  beforeEach(() => simulator.current.resetStats());
  afterEach(() => vi.unstubAllEnvs());

  it('mistral-embed: 1024 dimensions without a call; documents and queries send model, input, encoding_format only', async () => {
    const mistral = mistralAt(simulator.current);
    expect(mistral.dim).toBe(1024);
    const [document] = await mistral.encodeDocuments([texts[1]!]);
    const [query] = await mistral.encodeQueries([texts[1]!]);
    expect(sentBodies(simulator.current)).toEqual([
      { model: 'mistral-embed', input: [texts[1]], encoding_format: 'base64' },
      { model: 'mistral-embed', input: [texts[1]], encoding_format: 'base64' },
    ]);
    // Mistral has no task types: a query and a document of one text are the same vector.
    expect(Array.from(query!)).toEqual(Array.from(document!));
    expect(Array.from(document!)).toEqual(Array.from(simulator.current.expectedVector(texts[1]!)));
  });

  it('a per-call task is refused rather than silently ignored (Mistral has no task types)', async () => {
    const error = await mistralAt(simulator.current)
      .embed(['x'], { task: 'search_query' })
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('takes no task');
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('model + dimensions: codestral-embed sends output_dimension and returns that length', async () => {
    const mistral = mistralAt(simulator.current, { model: 'codestral-embed', dimensions: 256 });
    expect(mistral.dim).toBe(256);
    const [vector] = await mistral.encodeDocuments([texts[0]!]);
    expect(vector).toHaveLength(256);
    expect(sentBodies(simulator.current)[0]).toMatchObject({
      model: 'codestral-embed',
      output_dimension: 256,
    });
    expect(mistralAt(simulator.current, { model: 'codestral-embed' }).dim).toBe(1536);
  });

  it('dimensions is refused for mistral-embed and outside 1–3072 for codestral-embed, before any call', () => {
    expect(configError({ dimensions: 512 })).toContain(
      'mistral-embed produces exactly 1024 dimensions (fixed, no output_dimension)',
    );
    expect(configError({ model: 'codestral-embed', dimensions: 4096 })).toContain('1 to 3072');
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('encodingFormat: float sends JSON floats; both formats decode to the same Float32Array', async () => {
    const [viaBase64] = await mistralAt(simulator.current).encodeDocuments([texts[0]!]);
    const [viaFloat] = await mistralAt(simulator.current, {
      encodingFormat: 'float',
    }).encodeDocuments([texts[0]!]);
    expect(sentBodies(simulator.current).map((body) => body.encoding_format)).toEqual([
      'base64',
      'float',
    ]);
    expect(viaFloat).toBeInstanceOf(Float32Array);
    expect(Array.from(viaFloat!)).toEqual(Array.from(viaBase64!));
    expect(
      mistralAt(simulator.current, { encodingFormat: 'float' }).toConfig().encodingFormat,
    ).toBe('float');
  });

  it('apiKeyEnv, MISTRAL_API_KEY and MISTRALAI_API_KEY are read at the call, in that order', async () => {
    const named = createMistral({
      baseURL: simulator.current.baseURL,
      apiKeyEnv: 'MY_MISTRAL_KEY',
    });
    vi.stubEnv('MISTRAL_API_KEY', 'not-this-one');
    vi.stubEnv('MY_MISTRAL_KEY', simulator.current.apiKey);
    await named.encodeDocuments(['x']);
    vi.stubEnv('MISTRAL_API_KEY', '');
    vi.stubEnv('MISTRALAI_API_KEY', simulator.current.apiKey);
    await createMistral({ baseURL: simulator.current.baseURL }).encodeDocuments(['x']);
    expect(simulator.current.log.map((entry) => entry.status)).toEqual([200, 200]);
    expect(named.toConfig().apiKeyEnv).toBe('MY_MISTRAL_KEY');
  });

  it('baseURL: requests go there; the default is not repeated in toConfig', async () => {
    await mistralAt(simulator.current).encodeDocuments(['x']);
    expect(simulator.current.log[0]!.path).toBe('/v1/embeddings');
    expect(createMistral().toConfig().baseURL).toBeUndefined();
  });

  it('refuses unknown and secret settings with readable messages', () => {
    expect(configError({ output_dimension: 5 } as never)).toContain('unknown key output_dimension');
    expect(configError({ apiKey: 'sk-secret' } as never)).not.toContain('sk-secret');
    expect(configError({ encodingFormat: 'int8' } as never)).toContain('encodingFormat');
  });
});

describe('mistral transport settings', () => {
  it('concurrency: at most that many requests in flight', async () => {
    const simulator = await startMistralSimulator({ latency: { fixedMs: 15 } });
    try {
      await mistralAt(simulator, { concurrency: 2 }).encodeDocuments(
        Array.from({ length: 3000 }, (_, index) => `text ${index}`),
      );
      expect(simulator.stats.requests).toBe(6);
      expect(simulator.stats.maxInFlight).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('timeoutMs: a stalled request fails with TimeoutError after the retries', async () => {
    const simulator = await startMistralSimulator({ faults: { rates: { stall: 1 } } });
    try {
      const error = await mistralAt(simulator, {
        timeoutMs: 400,
        retry: { ...fastRetry, maxRetries: 1 },
      })
        .encodeDocuments(['x'])
        .catch((caught: unknown) => caught);
      expect(TimeoutError.isInstance(error)).toBe(true);
      expect(simulator.stats.requests).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('retry.maxRetries and the deprecated maxRetries bound the attempts at a failing server', async () => {
    const simulator = await startMistralSimulator({ faults: { rates: { serverError: 1 } } });
    try {
      await expect(
        mistralAt(simulator, { retry: { ...fastRetry, maxRetries: 2 } }).encodeDocuments(['x']),
      ).rejects.toThrow(/503/);
      expect(simulator.stats.requests).toBe(3);
      simulator.resetStats();
      await expect(
        createMistral(
          { baseURL: simulator.baseURL, maxRetries: 0 },
          { apiKey: simulator.apiKey },
        ).encodeDocuments(['x']),
      ).rejects.toThrow(/503/);
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('rateLimit: paced to the published limits, a burst meets no 429 where the unpaced one does', async () => {
    const limits = { requestsPerWindow: 3, windowMs: 400 };
    const simulator = await startMistralSimulator({ rateLimits: limits });
    try {
      const inputs = Array.from({ length: 3500 }, (_, index) => `text ${index}`);
      await mistralAt(simulator, {
        retry: { baseDelayMs: 5, maxDelayMs: 100, maxRetries: 30 },
      }).encodeDocuments(inputs);
      expect(simulator.stats.statuses[429]).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, limits.windowMs));
      simulator.resetStats();
      const vectors = await mistralAt(simulator, {
        rateLimit: withArrivalSlack({ requestsPerMinute: 3, windowMs: limits.windowMs }),
      }).encodeDocuments(inputs);
      expect(vectors).toHaveLength(3500);
      expect(simulator.stats.requests).toBe(7);
      expect(simulator.stats.statuses[429] ?? 0).toBe(0);
    } finally {
      await simulator.close();
    }
  });
});
