import { InvalidConfigError, InvalidInputError, norm, TimeoutError } from '@embedkit/core';
import { startGeminiSimulator, withArrivalSlack } from '@embedkit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGemini } from './gemini-embedding.js';
import { fastRetry, geminiAt, sentRequests, useGeminiSimulator } from './simulator.test-helpers.js';

const texts = ['Milvus stores vectors.', 'The red fox hunts at dawn.'];
const configError = (settings: Parameters<typeof createGemini>[0]) => {
  try {
    createGemini(settings);
  } catch (error) {
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected InvalidConfigError');
};

describe('gemini settings: each one changes what is sent or returned', () => {
  const simulator = useGeminiSimulator();
  beforeEach(() => simulator.current.resetStats());
  afterEach(() => vi.unstubAllEnvs());

  it('encodeDocuments sends RETRIEVAL_DOCUMENT, encodeQueries RETRIEVAL_QUERY, and nothing else', async () => {
    const gemini = geminiAt(simulator.current);
    await gemini.encodeDocuments([texts[0]!]);
    await gemini.encodeQueries([texts[1]!]);
    const [documents, queries] = sentRequests(simulator.current);
    expect(documents).toEqual([
      {
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text: texts[0] }] },
        taskType: 'RETRIEVAL_DOCUMENT',
      },
    ]);
    expect(queries![0]!.taskType).toBe('RETRIEVAL_QUERY');
    expect(Object.keys(queries![0]!).sort()).toEqual(['content', 'model', 'taskType']);
  });

  it('model: text-embedding-004 goes to its own URL and knows its 768 dimensions without a call', async () => {
    const gemini = geminiAt(simulator.current, { model: 'models/text-embedding-004' });
    expect(gemini.dim).toBe(768);
    expect(gemini.model).toBe('text-embedding-004');
    const [vector] = await gemini.encodeDocuments([texts[0]!]);
    expect(vector).toHaveLength(768);
    expect(simulator.current.log[0]!.path).toBe(
      '/v1beta/models/text-embedding-004:batchEmbedContents',
    );
  });

  it('taskType: embed() sends the configured task; a per-call task overrides it', async () => {
    const gemini = geminiAt(simulator.current, { taskType: 'CLUSTERING' });
    const [clustered] = await gemini.embed([texts[0]!]);
    await gemini.embed([texts[0]!], { task: 'SEMANTIC_SIMILARITY' });
    expect(sentRequests(simulator.current).map((requests) => requests[0]!.taskType)).toEqual([
      'CLUSTERING',
      'SEMANTIC_SIMILARITY',
    ]);
    expect(Array.from(clustered!)).toEqual(
      Array.from(simulator.current.expectedVector(texts[0]!, { taskType: 'CLUSTERING' })),
    );
    await expect(gemini.embed([texts[0]!], { task: 'RETRIEVAL_PASSAGE' })).rejects.toThrow(
      InvalidInputError,
    );
  });

  it('queryTaskType: encodeQueries sends CODE_RETRIEVAL_QUERY; documents stay RETRIEVAL_DOCUMENT', async () => {
    const gemini = geminiAt(simulator.current, { queryTaskType: 'CODE_RETRIEVAL_QUERY' });
    await gemini.encodeQueries(['sort a list in place']);
    await gemini.encodeDocuments(['def sort(items): items.sort()']);
    expect(sentRequests(simulator.current).map((requests) => requests[0]!.taskType)).toEqual([
      'CODE_RETRIEVAL_QUERY',
      'RETRIEVAL_DOCUMENT',
    ]);
    expect(
      configError({ model: 'text-embedding-004', queryTaskType: 'CODE_RETRIEVAL_QUERY' }),
    ).toMatch(
      /queryTaskType: text-embedding-004 takes task type RETRIEVAL_DOCUMENT, .* not "CODE_RETRIEVAL_QUERY"/,
    );
  });

  it('dimensions: sent as outputDimensionality, vectors that long; out of range refused with the range', async () => {
    const gemini = geminiAt(simulator.current, { dimensions: 256 });
    expect(gemini.dim).toBe(256);
    const [vector] = await gemini.encodeDocuments([texts[0]!]);
    expect(vector).toHaveLength(256);
    expect(sentRequests(simulator.current)[0]![0]!.outputDimensionality).toBe(256);
    expect(configError({ dimensions: 64 })).toContain(
      'dimensions: gemini-embedding-001 produces 128 to 3072 dimensions',
    );
    expect(configError({ dimensions: 4096 })).toContain('not 4096');
    expect(configError({ model: 'text-embedding-004', dimensions: 1024 })).toContain('1 to 768');
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('normalize: truncated vectors come back unit length by default, raw with normalize: false', async () => {
    const [scaled] = await geminiAt(simulator.current, { dimensions: 768 }).encodeDocuments([
      texts[0]!,
    ]);
    const [raw] = await geminiAt(simulator.current, {
      dimensions: 768,
      normalize: false,
    }).encodeDocuments([texts[0]!]);
    expect(norm(scaled!)).toBeCloseTo(1, 5);
    expect(Math.abs(norm(raw!) - 1)).toBeGreaterThan(1e-3);
    expect(Array.from(raw!)).toEqual(
      Array.from(
        simulator.current.expectedVector(texts[0]!, {
          taskType: 'RETRIEVAL_DOCUMENT',
          dimensions: 768,
        }),
      ),
    );
    const [full] = await geminiAt(simulator.current).encodeDocuments([texts[0]!]);
    expect(Array.from(full!)).toEqual(
      Array.from(simulator.current.expectedVector(texts[0]!, { taskType: 'RETRIEVAL_DOCUMENT' })),
    );
  });

  it('titles travel with RETRIEVAL_DOCUMENT only and change the vector; elsewhere they are refused', async () => {
    const gemini = geminiAt(simulator.current);
    const [titled, plain] = await gemini.encodeDocuments([
      { text: texts[0]!, title: 'Databases' },
      { text: texts[0]! },
    ]);
    expect(sentRequests(simulator.current)[0]!.map((request) => request.title)).toEqual([
      'Databases',
      undefined,
    ]);
    expect(Array.from(titled!)).not.toEqual(Array.from(plain!));
    const error = await gemini
      .encodeQueries([{ text: 'q', title: 'T' }])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('titles apply only to RETRIEVAL_DOCUMENT');
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('apiKeyEnv: the key comes from the named variable, read at the call', async () => {
    const gemini = createGemini({ baseURL: simulator.current.baseURL, apiKeyEnv: 'MY_GEMINI_KEY' });
    vi.stubEnv('GEMINI_API_KEY', 'not-this-one');
    vi.stubEnv('MY_GEMINI_KEY', simulator.current.apiKey);
    await gemini.encodeDocuments([texts[0]!]);
    expect(simulator.current.log[0]!.headers['x-goog-api-key']).toBe(simulator.current.apiKey);
    expect(gemini.toConfig().apiKeyEnv).toBe('MY_GEMINI_KEY');
  });

  it('baseURL: requests go there; the default is not repeated in toConfig', async () => {
    const gemini = geminiAt(simulator.current);
    await gemini.encodeDocuments([texts[0]!]);
    expect(simulator.current.stats.requests).toBe(1);
    expect(gemini.toConfig().baseURL).toBe(simulator.current.baseURL);
    expect(createGemini().toConfig().baseURL).toBeUndefined();
  });

  it('refuses unknown and secret settings with readable messages', () => {
    expect(configError({ dimension: 5 } as never)).toContain('unknown key dimension');
    expect(configError({ apiKey: 'AIza-secret' } as never)).toContain('apiKeyEnv');
    expect(configError({ apiKey: 'AIza-secret' } as never)).not.toContain('AIza-secret');
    expect(configError({ taskType: 'retrieval.query' } as never)).toContain('taskType');
  });
});

describe('gemini transport settings', () => {
  it('concurrency: at most that many requests in flight', async () => {
    const simulator = await startGeminiSimulator({ latency: { fixedMs: 15 } });
    try {
      const inputs = Array.from({ length: 600 }, (_, index) => `text ${index}`);
      await geminiAt(simulator, { concurrency: 2, dimensions: 128 }).encodeDocuments(inputs);
      expect(simulator.stats.requests).toBe(6);
      expect(simulator.stats.maxInFlight).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('timeoutMs: a stalled request fails with TimeoutError after the retries', async () => {
    const simulator = await startGeminiSimulator({ faults: { rates: { stall: 1 } } });
    try {
      const error = await geminiAt(simulator, {
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
    const simulator = await startGeminiSimulator({ faults: { rates: { serverError: 1 } } });
    try {
      await expect(
        geminiAt(simulator, { retry: { ...fastRetry, maxRetries: 2 } }).encodeDocuments(['x']),
      ).rejects.toThrow(/503/);
      expect(simulator.stats.requests).toBe(3);
      simulator.resetStats();
      await expect(
        createGemini(
          { baseURL: simulator.baseURL, maxRetries: 0 },
          { apiKey: simulator.apiKey },
        ).encodeDocuments(['x']),
      ).rejects.toThrow(/UNAVAILABLE/);
      expect(simulator.stats.requests).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('rateLimit: paced to the published limits, a burst meets no 429', async () => {
    const limits = { requestsPerWindow: 3, windowMs: 400 };
    const simulator = await startGeminiSimulator({ rateLimits: limits });
    try {
      const gemini = geminiAt(simulator, {
        dimensions: 128,
        rateLimit: withArrivalSlack({ requestsPerMinute: 3, windowMs: limits.windowMs }),
      });
      const inputs = Array.from({ length: 700 }, (_, index) => `text ${index}`);
      // Without pacing the same burst is refused: the limit is real.
      await geminiAt(simulator, {
        dimensions: 128,
        retry: { baseDelayMs: 5, maxDelayMs: 100, maxRetries: 30 },
      }).encodeDocuments(inputs);
      expect(simulator.stats.statuses[429]).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, limits.windowMs));
      simulator.resetStats();
      const vectors = await gemini.encodeDocuments(inputs);
      expect(vectors).toHaveLength(700);
      expect(simulator.stats.requests).toBe(7);
      expect(simulator.stats.statuses[429] ?? 0).toBe(0);
    } finally {
      await simulator.close();
    }
  });
});
