import { AuthenticationError, InvalidConfigError, norm, TimeoutError } from '@embedkit/core';
import { cosine, startTEISimulator, unknownTEIFields, withArrivalSlack } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { embedBodies, fastRetry, texts } from './tei.test-helpers.js';
import { createTEI } from './tei-embedding.js';

const model = 'BAAI/bge-small-en-v1.5';

describe('tei settings: each one changes what is sent or returned', () => {
  it('model is checked against /info before any /embed request', async () => {
    const simulator = await startTEISimulator({ modelId: 'thenlper/gte-base' });
    try {
      const embedding = createTEI({ baseURL: simulator.url, model });
      const failure = embedding.encodeDocuments(['text']);
      await expect(failure).rejects.toThrow(InvalidConfigError);
      await expect(failure).rejects.toThrow(
        /serves "thenlper\/gte-base", not "BAAI\/bge-small-en-v1.5"/,
      );
      expect(simulator.stats.requestsByRoute['POST /embed']).toBeUndefined();
      expect(simulator.stats.requestsByRoute['GET /info']).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('dimensions: known without a call, sent as `dimensions`, shortens the vectors', async () => {
    const simulator = await startTEISimulator({ dim: 64 });
    try {
      const embedding = createTEI({ baseURL: simulator.url, model, dimensions: 16 });
      expect(embedding.dim).toBe(16);
      expect(simulator.stats.requests).toBe(0);
      const [vector] = await embedding.encodeDocuments(['a text']);
      expect(vector).toHaveLength(16);
      expect(Array.from(vector!)).toEqual(
        Array.from(simulator.expectedVector('a text', { dimensions: 16 })),
      );
      expect(embedBodies(simulator.log)[0]).toEqual({ inputs: ['a text'], dimensions: 16 });
    } finally {
      await simulator.close();
    }
  });

  it('without dimensions the first call learns the length and toConfig records it', async () => {
    const simulator = await startTEISimulator({ dim: 40 });
    try {
      const embedding = createTEI({ baseURL: simulator.url, model });
      expect(embedding.dim).toBe(0);
      expect(await embedding.resolveDim()).toBe(40);
      expect(embedding.toConfig()).toMatchObject({ dim: 40, dimensions: 40 });
      expect(embedBodies(simulator.log)[0]).not.toHaveProperty('dimensions');
    } finally {
      await simulator.close();
    }
  });

  it('normalize: false is sent and returns vectors that are not unit length', async () => {
    const simulator = await startTEISimulator({ dim: 32 });
    try {
      const plain = createTEI({ baseURL: simulator.url, model, normalize: false });
      const [raw] = await plain.encodeDocuments(['several words in this text']);
      expect(Math.abs(norm(raw!) - 1)).toBeGreaterThan(0.01);
      expect(embedBodies(simulator.log)[0]).toMatchObject({ normalize: false });
      expect(plain.space).toMatchObject({ normalized: false });
      const unit = createTEI({ baseURL: simulator.url, model });
      const [normalised] = await unit.encodeDocuments(['several words in this text']);
      expect(norm(normalised!)).toBeCloseTo(1, 5);
      expect(embedBodies(simulator.log)[1]).not.toHaveProperty('normalize');
    } finally {
      await simulator.close();
    }
  });

  it('truncate: true lets an over-long input through; without it the input is refused and named', async () => {
    const simulator = await startTEISimulator({ maxInputLength: 32, autoTruncate: false });
    try {
      const long = 'word '.repeat(60);
      const strict = createTEI({ baseURL: simulator.url, model, retry: fastRetry });
      await expect(strict.encodeDocuments(['short', long])).rejects.toThrow(
        /must have less than 32 tokens.*truncate: true/s,
      );
      const truncating = createTEI({ baseURL: simulator.url, model, truncate: true });
      expect(await truncating.encodeDocuments(['short', long])).toHaveLength(2);
      expect(embedBodies(simulator.log).at(-1)).toMatchObject({ truncate: true });
    } finally {
      await simulator.close();
    }
  });

  it('truncationDirection is sent in TEI’s spelling and picks the end that is cut', async () => {
    const simulator = await startTEISimulator({ maxInputLength: 12 });
    try {
      const long =
        'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi';
      const embed = (truncationDirection: 'left' | 'right') =>
        createTEI({
          baseURL: simulator.url,
          model,
          truncate: true,
          truncationDirection,
        }).encodeDocuments([long]);
      const [left] = await embed('left');
      const [right] = await embed('right');
      expect(embedBodies(simulator.log).map((body) => body.truncation_direction)).toEqual([
        'Left',
        'Right',
      ]);
      expect(Array.from(left!)).not.toEqual(Array.from(right!));
      const start = simulator.expectedVector('alpha beta gamma');
      const end = simulator.expectedVector('nu xi omicron pi');
      expect(cosine(right!, start)).toBeGreaterThan(cosine(left!, start));
      expect(cosine(left!, end)).toBeGreaterThan(cosine(right!, end));
    } finally {
      await simulator.close();
    }
  });

  it('queryPromptName / documentPromptName / promptName pick prompt_name per purpose', async () => {
    const simulator = await startTEISimulator({
      dim: 32,
      prompts: { query: 'query: ', document: 'passage: ', classification: 'classify: ' },
    });
    try {
      const embedding = createTEI({
        baseURL: simulator.url,
        model,
        queryPromptName: 'query',
        documentPromptName: 'document',
        promptName: 'classification',
      });
      const [query] = await embedding.encodeQueries(['bees']);
      const [document] = await embedding.encodeDocuments(['bees']);
      const [plain] = await embedding.embed(['bees']);
      expect(embedBodies(simulator.log).map((body) => body.prompt_name)).toEqual([
        'query',
        'document',
        'classification',
      ]);
      expect(Array.from(query!)).toEqual(
        Array.from(simulator.expectedVector('bees', { promptName: 'query' })),
      );
      expect(Array.from(document!)).not.toEqual(Array.from(query!));
      expect(Array.from(plain!)).toEqual(
        Array.from(simulator.expectedVector('bees', { promptName: 'classification' })),
      );
      expect(embedding.space).toMatchObject({ queryPromptName: 'query' });
    } finally {
      await simulator.close();
    }
  });

  it('a prompt the model does not have is a clear, non-retried error', async () => {
    const simulator = await startTEISimulator({ prompts: { query: 'query: ' } });
    try {
      const embedding = createTEI({
        baseURL: simulator.url,
        model,
        queryPromptName: 'search',
        retry: fastRetry,
      });
      await expect(embedding.encodeQueries(['x'])).rejects.toThrow(
        /not found in the Sentence Transformers prompts.*queryPromptName/s,
      );
      expect(simulator.stats.requestsByRoute['POST /embed']).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('apiKeyEnv: the token is read at call time and sent as a bearer token', async () => {
    const simulator = await startTEISimulator({ apiKey: 'tei-token-1234' });
    const variable = 'EMBEDKIT_TEST_TEI_SETTINGS_TOKEN';
    try {
      const embedding = createTEI({ baseURL: simulator.url, model, apiKeyEnv: variable });
      await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(AuthenticationError);
      await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(new RegExp(variable));
      expect(simulator.stats.requests).toBe(0);
      process.env[variable] = 'tei-token-1234';
      expect(await embedding.encodeDocuments(['x'])).toHaveLength(1);
      expect(
        simulator.log.every((entry) => entry.headers.authorization === 'Bearer tei-token-1234'),
      ).toBe(true);
      const without = createTEI({ baseURL: simulator.url, model });
      await expect(without.encodeDocuments(['x'])).rejects.toThrow(AuthenticationError);
      expect(simulator.log.at(-1)!.headers.authorization).toBeUndefined();
    } finally {
      delete process.env[variable];
      await simulator.close();
    }
  });

  it('maxInputsPerCall and maxTokensPerCall only lower the server’s limits', async () => {
    const simulator = await startTEISimulator({ maxClientBatchSize: 10, maxBatchTokens: 400 });
    try {
      await createTEI({ baseURL: simulator.url, model, maxInputsPerCall: 4 }).encodeDocuments(
        texts(10),
      );
      expect(embedBodies(simulator.log).map((body) => (body.inputs as string[]).length)).toEqual([
        4, 4, 2,
      ]);
      simulator.resetStats();
      await createTEI({ baseURL: simulator.url, model, maxInputsPerCall: 500 }).encodeDocuments(
        texts(25),
      );
      expect(
        Math.max(...embedBodies(simulator.log).map((body) => (body.inputs as string[]).length)),
      ).toBe(10);
      simulator.resetStats();
      await createTEI({ baseURL: simulator.url, model, maxTokensPerCall: 30 }).encodeDocuments(
        texts(10),
      );
      expect(embedBodies(simulator.log).length).toBeGreaterThan(3);
    } finally {
      await simulator.close();
    }
  });

  it('concurrency bounds the requests in flight', async () => {
    const simulator = await startTEISimulator({ maxClientBatchSize: 1, latency: { fixedMs: 15 } });
    try {
      await createTEI({ baseURL: simulator.url, model, concurrency: 2 }).encodeDocuments(texts(8));
      expect(simulator.stats.maxInFlight).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('timeoutMs and retry: a stalled request times out and is retried maxRetries times', async () => {
    const simulator = await startTEISimulator();
    try {
      simulator.faults.force('stall', 3);
      const embedding = createTEI({
        baseURL: simulator.url,
        model,
        timeoutMs: 100,
        retry: { ...fastRetry, maxRetries: 2 },
      });
      await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(TimeoutError);
      expect(simulator.stats.requestsByRoute['POST /embed']).toBe(3);
    } finally {
      await simulator.close();
    }
  });

  it('a model failure (424) is not retried; a reset connection is', async () => {
    const simulator = await startTEISimulator();
    try {
      const embedding = createTEI({ baseURL: simulator.url, model, retry: fastRetry });
      simulator.faults.force('serverError');
      await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(
        /424 \[Backend\].*not retried/s,
      );
      expect(simulator.stats.requestsByRoute['POST /embed']).toBe(1);
      simulator.faults.force('connectionReset', 2);
      expect(await embedding.encodeDocuments(['x'])).toHaveLength(1);
      expect(simulator.stats.requestsByRoute['POST /embed']).toBe(4);
    } finally {
      await simulator.close();
    }
  });

  it('rateLimit paces requests under a gateway’s limits', async () => {
    const run = async (rateLimit?: { requestsPerMinute: number; windowMs: number }) => {
      const simulator = await startTEISimulator({
        maxClientBatchSize: 1,
        rateLimits: { requestsPerWindow: 5, windowMs: 400 },
      });
      try {
        await createTEI({
          baseURL: simulator.url,
          model,
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

  it('sends only fields TEI defines', async () => {
    const simulator = await startTEISimulator({ prompts: { query: 'q: ' } });
    try {
      const embedding = createTEI({
        baseURL: simulator.url,
        model,
        dimensions: 8,
        normalize: true,
        truncate: true,
        truncationDirection: 'right',
        queryPromptName: 'query',
      });
      await embedding.encodeQueries(['x']);
      await embedding.encodeDocuments(['y']);
      for (const body of embedBodies(simulator.log)) expect(unknownTEIFields(body)).toEqual([]);
    } finally {
      await simulator.close();
    }
  });

  it('reports the tokens TEI counted (x-compute-tokens) as usage', async () => {
    const simulator = await startTEISimulator();
    try {
      const result = await createTEI({ baseURL: simulator.url, model }).embedWithUsage(texts(3));
      expect(result.usage.tokens).toBe(simulator.stats.tokens);
      expect(result.usage.tokens).toBeGreaterThan(0);
    } finally {
      await simulator.close();
    }
  });

  it('refuses unknown and secret-looking keys', () => {
    expect(() => createTEI({ model, dimension: 3 } as never)).toThrow(InvalidConfigError);
    expect(() => createTEI({ model, apiKey: 'x' } as never)).toThrow(/apiKey/);
    expect(() => createTEI({} as never)).toThrow(/model/);
  });
});
