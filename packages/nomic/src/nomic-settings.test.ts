import {
  InvalidConfigError,
  InvalidInputError,
  isSameEmbeddingSpace,
  TimeoutError,
} from '@embedkit/core';
import { startNomicSimulator, withArrivalSlack } from '@embedkit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNomic } from './nomic-embedding.js';
import { fastRetry, nomicAt, sentBodies, useNomicSimulator } from './simulator.test-helpers.js';

const texts = ['Milvus stores vectors.', 'The red fox hunts at dawn.'];
const longText = Array.from({ length: 9000 }, (_, index) => `word${index}`).join(' ');
const configError = (settings: Parameters<typeof createNomic>[0]) => {
  try {
    createNomic(settings);
  } catch (error) {
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected InvalidConfigError');
};

describe('nomic settings: each one changes what is sent or returned', () => {
  const simulator = useNomicSimulator();
  beforeEach(() => simulator.current.resetStats());
  afterEach(() => vi.unstubAllEnvs());

  it('encodeDocuments sends search_document, encodeQueries search_query, with exactly these fields', async () => {
    const nomic = nomicAt(simulator.current);
    const [document] = await nomic.encodeDocuments([texts[0]!]);
    const [query] = await nomic.encodeQueries([texts[0]!]);
    expect(sentBodies(simulator.current)).toEqual([
      {
        texts: [texts[0]],
        model: 'nomic-embed-text-v1.5',
        task_type: 'search_document',
        long_text_mode: 'truncate',
      },
      {
        texts: [texts[0]],
        model: 'nomic-embed-text-v1.5',
        task_type: 'search_query',
        long_text_mode: 'truncate',
      },
    ]);
    expect(Array.from(query!)).toEqual(
      Array.from(simulator.current.expectedVector(texts[0]!, { taskType: 'search_query' })),
    );
    expect(Array.from(query!)).not.toEqual(Array.from(document!));
  });

  it('taskType: embed() sends it; a per-call task overrides it; an unknown one is refused', async () => {
    const nomic = nomicAt(simulator.current, { taskType: 'clustering' });
    await nomic.embed([texts[0]!]);
    await nomic.embed([texts[0]!], { task: 'classification' });
    expect(sentBodies(simulator.current).map((body) => body.task_type)).toEqual([
      'clustering',
      'classification',
    ]);
    await expect(nomic.embed([texts[0]!], { task: 'search_passage' })).rejects.toThrow(
      InvalidInputError,
    );
    expect(configError({ taskType: 'retrieval' } as never)).toContain('taskType');
  });

  it('model + dimensions: v1.5 sends dimensionality and returns that length; v1 and out-of-range refused', async () => {
    const nomic = nomicAt(simulator.current, { dimensions: 128 });
    expect(nomic.dim).toBe(128);
    const [vector] = await nomic.encodeDocuments([texts[0]!]);
    expect(vector).toHaveLength(128);
    expect(sentBodies(simulator.current)[0]!.dimensionality).toBe(128);
    const v1 = nomicAt(simulator.current, { model: 'nomic-embed-text-v1' });
    expect(v1.dim).toBe(768);
    await v1.encodeDocuments([texts[0]!]);
    expect(sentBodies(simulator.current)[1]).toMatchObject({ model: 'nomic-embed-text-v1' });
    expect(sentBodies(simulator.current)[1]!.dimensionality).toBeUndefined();
    expect(configError({ model: 'nomic-embed-text-v1', dimensions: 256 })).toContain(
      'use nomic-embed-text-v1.5 (64 to 768)',
    );
    expect(configError({ dimensions: 32 })).toContain('produces 64 to 768 dimensions');
    expect(configError({ dimensions: 1024 })).toContain('not 1024');
  });

  it('longTextMode and maxTokensPerText: sent as given, and they change a long text’s vector', async () => {
    const truncated = await nomicAt(simulator.current).encodeDocuments([longText]);
    const averaged = await nomicAt(simulator.current, {
      longTextMode: 'mean',
      maxTokensPerText: 30_000,
    }).encodeDocuments([longText]);
    const shortCut = await nomicAt(simulator.current, { maxTokensPerText: 100 }).encodeDocuments([
      longText,
    ]);
    expect(
      sentBodies(simulator.current).map((body) => [body.long_text_mode, body.max_tokens_per_text]),
    ).toEqual([
      ['truncate', undefined],
      ['mean', 30_000],
      ['truncate', 100],
    ]);
    expect(Array.from(averaged[0]!)).toEqual(
      Array.from(
        simulator.current.expectedVector(longText, {
          longTextMode: 'mean',
          maxTokensPerText: 30_000,
        }),
      ),
    );
    expect(Array.from(averaged[0]!)).not.toEqual(Array.from(truncated[0]!));
    expect(Array.from(shortCut[0]!)).not.toEqual(Array.from(truncated[0]!));
    // They are part of the embedding space: vectors made either way never mix.
    expect(
      isSameEmbeddingSpace(
        nomicAt(simulator.current).space,
        nomicAt(simulator.current, { longTextMode: 'mean' }).space,
      ),
    ).toBe(false);
  });

  it('apiKeyEnv, NOMIC_API_KEY and ATLAS_API_KEY are read at the call, in that order', async () => {
    const named = createNomic({ baseURL: simulator.current.baseURL, apiKeyEnv: 'MY_NOMIC_KEY' });
    vi.stubEnv('NOMIC_API_KEY', 'nk-not-this-one');
    vi.stubEnv('MY_NOMIC_KEY', simulator.current.apiKey);
    await named.encodeDocuments(['x']);
    vi.stubEnv('NOMIC_API_KEY', '');
    vi.stubEnv('ATLAS_API_KEY', simulator.current.apiKey);
    await createNomic({ baseURL: simulator.current.baseURL }).encodeDocuments(['x']);
    expect(simulator.current.log.map((entry) => entry.status)).toEqual([200, 200]);
    expect(named.toConfig().apiKeyEnv).toBe('MY_NOMIC_KEY');
  });

  it('baseURL: requests go to <baseURL>/v1/embedding/text; the default is not repeated in toConfig', async () => {
    await nomicAt(simulator.current).encodeDocuments(['x']);
    expect(simulator.current.log[0]!.path).toBe('/v1/embedding/text');
    expect(createNomic().toConfig().baseURL).toBeUndefined();
    expect(configError({ dimensionality: 5 } as never)).toContain('unknown key dimensionality');
    expect(configError({ apiKey: 'nk-secret' } as never)).not.toContain('nk-secret');
  });
});

describe('nomic transport settings', () => {
  it('concurrency: at most that many requests in flight', async () => {
    const simulator = await startNomicSimulator({ latency: { fixedMs: 15 } });
    try {
      await nomicAt(simulator, { concurrency: 2, dimensions: 64 }).encodeDocuments(
        Array.from({ length: 300 }, (_, index) => `text ${index}`),
      );
      expect(simulator.stats.requests).toBe(6);
      expect(simulator.stats.maxInFlight).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('timeoutMs: a stalled request fails with TimeoutError after the retries', async () => {
    const simulator = await startNomicSimulator({ faults: { rates: { stall: 1 } } });
    try {
      const error = await nomicAt(simulator, {
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
    const simulator = await startNomicSimulator({ faults: { rates: { serverError: 1 } } });
    try {
      await expect(
        nomicAt(simulator, { retry: { ...fastRetry, maxRetries: 2 } }).encodeDocuments(['x']),
      ).rejects.toThrow(/500/);
      expect(simulator.stats.requests).toBe(3);
      simulator.resetStats();
      await expect(
        createNomic(
          { baseURL: simulator.baseURL, maxRetries: 0 },
          { apiKey: simulator.apiKey },
        ).encodeDocuments(['x']),
      ).rejects.toThrow(/500/);
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('rateLimit: paced to the given limits, a burst meets no 429 where the unpaced one does', async () => {
    const limits = { requestsPerWindow: 3, windowMs: 400 };
    const simulator = await startNomicSimulator({ rateLimits: limits });
    try {
      const inputs = Array.from({ length: 350 }, (_, index) => `text ${index}`);
      await nomicAt(simulator, {
        dimensions: 64,
        retry: { baseDelayMs: 5, maxDelayMs: 100, maxRetries: 30 },
      }).encodeDocuments(inputs);
      expect(simulator.stats.statuses[429]).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, limits.windowMs));
      simulator.resetStats();
      const vectors = await nomicAt(simulator, {
        dimensions: 64,
        rateLimit: withArrivalSlack({ requestsPerMinute: 3, windowMs: limits.windowMs }),
      }).encodeDocuments(inputs);
      expect(vectors).toHaveLength(350);
      expect(simulator.stats.requests).toBe(7);
      expect(simulator.stats.statuses[429] ?? 0).toBe(0);
    } finally {
      await simulator.close();
    }
  });
});
