import { AuthenticationError, InvalidConfigError, TimeoutError } from '@embedkit/core';
import { startOllamaSimulator, withArrivalSlack } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { embedBodies, fastRetry, texts } from './ollama.test-helpers.js';
import { createOllama } from './ollama-embedding.js';
import { ollamaHostURL } from './ollama-host.js';

describe('ollama settings: each one changes what is sent or returned', () => {
  it('dim is known without a call for every listed model; other models need dimensions', () => {
    expect(createOllama({ model: 'nomic-embed-text' }).dim).toBe(768);
    expect(createOllama({ model: 'mxbai-embed-large:latest' }).dim).toBe(1024);
    expect(createOllama({ model: 'all-minilm' }).dim).toBe(384);
    expect(createOllama({ model: 'bge-m3' }).dim).toBe(1024);
    expect(createOllama({ model: 'snowflake-arctic-embed:22m' }).dim).toBe(384);
    expect(() => createOllama({ model: 'my-model' })).toThrow(
      /set dimensions.*ollama show my-model/s,
    );
    expect(createOllama({ model: 'my-model', dimensions: 100 }).dim).toBe(100);
    expect(() => createOllama({ model: 'all-minilm', dimensions: 512 })).toThrow(
      /at most 384 dimensions/,
    );
  });

  it('model and dimensions are sent; dimensions shortens and renormalises', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const embedding = createOllama({
        baseURL: simulator.url,
        model: 'all-minilm',
        dimensions: 64,
      });
      const [vector] = await embedding.encodeDocuments(['bees dance']);
      expect(vector).toHaveLength(64);
      expect(Array.from(vector!)).toEqual(
        Array.from(simulator.expectedVector('bees dance', 'all-minilm', 64)),
      );
      expect(embedBodies(simulator.log)[0]).toEqual({
        model: 'all-minilm',
        input: ['bees dance'],
        dimensions: 64,
      });
    } finally {
      await simulator.close();
    }
  });

  it('queryPrefix / documentPrefix are prepended per purpose', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const embedding = createOllama({
        baseURL: simulator.url,
        queryPrefix: 'search_query: ',
        documentPrefix: 'search_document: ',
      });
      const [query] = await embedding.encodeQueries(['bees']);
      await embedding.encodeDocuments(['bees']);
      await embedding.embed(['bees']);
      expect(embedBodies(simulator.log).map((body) => body.input)).toEqual([
        ['search_query: bees'],
        ['search_document: bees'],
        ['search_document: bees'],
      ]);
      expect(Array.from(query!)).toEqual(
        Array.from(simulator.expectedVector('search_query: bees', 'nomic-embed-text')),
      );
      expect(embedding.space).toMatchObject({ queryPrefix: 'search_query: ' });
    } finally {
      await simulator.close();
    }
  });

  it('truncate: false is sent and an over-long input is refused and named', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const long = 'word '.repeat(400);
      const strict = createOllama({
        baseURL: simulator.url,
        model: 'all-minilm',
        truncate: false,
        retry: fastRetry,
      });
      await expect(strict.encodeDocuments(['short', long])).rejects.toThrow(
        /exceeds the context length.*leave truncate unset/s,
      );
      expect(embedBodies(simulator.log)[0]).toMatchObject({ truncate: false });
      const lenient = createOllama({ baseURL: simulator.url, model: 'all-minilm' });
      expect(await lenient.encodeDocuments(['short', long])).toHaveLength(2);
      expect(embedBodies(simulator.log).at(-1)).not.toHaveProperty('truncate');
    } finally {
      await simulator.close();
    }
  });

  it('options and keepAlive are sent as options and keep_alive; num_ctx changes the context', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const text = 'word '.repeat(100);
      const small = createOllama({
        baseURL: simulator.url,
        model: 'all-minilm',
        truncate: false,
        options: { num_ctx: 64 },
        keepAlive: '10m',
        retry: fastRetry,
      });
      await expect(small.encodeDocuments([text])).rejects.toThrow(/context length/);
      expect(embedBodies(simulator.log)[0]).toMatchObject({
        options: { num_ctx: 64 },
        keep_alive: '10m',
      });
      const wide = createOllama({ baseURL: simulator.url, model: 'all-minilm', truncate: false });
      expect(await wide.encodeDocuments([text])).toHaveLength(1);
      expect(() => createOllama({ keepAlive: 'soon' })).toThrow(/duration/);
    } finally {
      await simulator.close();
    }
  });

  it('baseURL wins; OLLAMA_HOST is read at call time; the default is 127.0.0.1:11434', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const environment: NodeJS.ProcessEnv = {};
      const embedding = createOllama({ retry: { ...fastRetry, maxRetries: 0 } }, { environment });
      environment.OLLAMA_HOST = simulator.url.replace('http://', '');
      expect(await embedding.encodeDocuments(['x'])).toHaveLength(1);
      expect(simulator.stats.requests).toBe(1);
      expect(ollamaHostURL('0.0.0.0')).toBe('http://0.0.0.0:11434');
      expect(ollamaHostURL('gpu-box:9000')).toBe('http://gpu-box:9000');
      expect(ollamaHostURL('https://ollama.example.com')).toBe('https://ollama.example.com:443');
      expect(ollamaHostURL(':8080')).toBe('http://127.0.0.1:8080');
      expect(ollamaHostURL(undefined)).toBeUndefined();
      expect(JSON.stringify(embedding.toConfig())).not.toContain('baseURL');
    } finally {
      await simulator.close();
    }
  });

  it('apiKeyEnv sends a bearer key read at call time; none is sent by default', async () => {
    const simulator = await startOllamaSimulator({ apiKey: 'ollama-key-1234' });
    const variable = 'EMBEDKIT_TEST_OLLAMA_KEY';
    try {
      const keyed = createOllama({ baseURL: simulator.url, apiKeyEnv: variable });
      await expect(keyed.encodeDocuments(['x'])).rejects.toThrow(AuthenticationError);
      expect(simulator.stats.requests).toBe(0);
      process.env[variable] = 'ollama-key-1234';
      expect(await keyed.encodeDocuments(['x'])).toHaveLength(1);
      expect(simulator.log[0]!.headers.authorization).toBe('Bearer ollama-key-1234');
      const plain = createOllama({ baseURL: simulator.url, retry: fastRetry });
      await expect(plain.encodeDocuments(['x'])).rejects.toThrow(AuthenticationError);
      expect(simulator.log.at(-1)!.headers.authorization).toBeUndefined();
    } finally {
      delete process.env[variable];
      await simulator.close();
    }
  });

  it('maxInputsPerCall, maxTokensPerCall and concurrency shape the requests', async () => {
    const simulator = await startOllamaSimulator({ latency: { fixedMs: 10 } });
    try {
      await createOllama({
        baseURL: simulator.url,
        maxInputsPerCall: 3,
        concurrency: 2,
      }).encodeDocuments(texts(10));
      expect(embedBodies(simulator.log).map((body) => (body.input as string[]).length)).toEqual([
        3, 3, 3, 1,
      ]);
      expect(simulator.stats.maxInFlight).toBe(2);
      simulator.resetStats();
      await createOllama({ baseURL: simulator.url, maxTokensPerCall: 25 }).encodeDocuments(
        texts(10),
      );
      expect(embedBodies(simulator.log).length).toBeGreaterThan(3);
      expect(createOllama({}).limits.maxInputsPerCall).toBe(128);
    } finally {
      await simulator.close();
    }
  });

  it('timeoutMs and retry: a stalled request times out and is retried maxRetries times', async () => {
    const simulator = await startOllamaSimulator();
    try {
      simulator.faults.force('stall', 3);
      const embedding = createOllama({
        baseURL: simulator.url,
        timeoutMs: 100,
        retry: { ...fastRetry, maxRetries: 2 },
      });
      await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(TimeoutError);
      expect(simulator.stats.requests).toBe(3);
      simulator.resetStats();
      simulator.faults.force('rateLimit');
      simulator.faults.force('serverError');
      expect(await embedding.encodeDocuments(['x'])).toHaveLength(1);
      expect(simulator.log.map((entry) => entry.status)).toEqual([503, 500, 200]);
    } finally {
      await simulator.close();
    }
  });

  it('rateLimit paces requests under a gateway’s limits', async () => {
    const run = async (rateLimit?: { requestsPerMinute: number; windowMs: number }) => {
      const simulator = await startOllamaSimulator({
        rateLimits: { requestsPerWindow: 5, windowMs: 400 },
      });
      try {
        await createOllama({
          baseURL: simulator.url,
          maxInputsPerCall: 1,
          concurrency: 4,
          retry: { baseDelayMs: 20, maxDelayMs: 100, maxRetries: 50 },
          ...(rateLimit ? { rateLimit } : {}),
        }).encodeDocuments(texts(12));
        return simulator.stats.statuses[429] ?? 0;
      } finally {
        await simulator.close();
      }
    };
    expect(await run()).toBeGreaterThan(0);
    expect(await run(withArrivalSlack({ requestsPerMinute: 5, windowMs: 400 }))).toBe(0);
  });

  it('refuses unknown and secret-looking keys', () => {
    expect(() => createOllama({ dimension: 3 } as never)).toThrow(InvalidConfigError);
    expect(() => createOllama({ apiKey: 'x' } as never)).toThrow(/apiKey/);
    expect(() => createOllama({ options: { f: () => 1 } } as never)).toThrow(InvalidConfigError);
  });
});
