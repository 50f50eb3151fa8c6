import { InvalidConfigError, InvalidInputError, norm, TimeoutError } from '@embedkit/core';
import { cosine, startBedrockSimulator, withArrivalSlack } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedrockAt, fastRetry, invokeBodies, texts } from './bedrock.test-helpers.js';
import { createBedrock } from './bedrock-embedding.js';

describe('bedrock settings: each one changes what is sent or returned', () => {
  let simulator: Awaited<ReturnType<typeof startBedrockSimulator>>;
  beforeAll(async () => {
    simulator = await startBedrockSimulator();
  });
  afterAll(() => simulator.close());
  const fresh = () => simulator.resetStats();

  it('dim is known without a call for every listed model', () => {
    const dims = {
      'amazon.titan-embed-text-v2:0': 1024,
      'amazon.titan-embed-text-v1': 1536,
      'cohere.embed-english-v3': 1024,
      'cohere.embed-multilingual-v3': 1024,
      'cohere.embed-v4:0': 1536,
      'us.cohere.embed-v4:0': 1536,
    };
    for (const [model, dim] of Object.entries(dims)) expect(createBedrock({ model }).dim).toBe(dim);
    expect(() => createBedrock({ model: 'amazon.nova-pro-v1:0' })).toThrow(
      /does not know the request format/,
    );
  });

  it('Titan v2: one inputText per call, dimensions and normalize sent, vectors match', async () => {
    fresh();
    const embedding = bedrockAt(simulator, { dimensions: 512, normalize: false });
    const vectors = await embedding.encodeDocuments(['first text', 'second text']);
    expect(vectors.map((vector) => vector.length)).toEqual([512, 512]);
    expect(invokeBodies(simulator.log)).toEqual(
      expect.arrayContaining([
        { inputText: 'first text', dimensions: 512, normalize: false },
        { inputText: 'second text', dimensions: 512, normalize: false },
      ]),
    );
    expect(simulator.log).toHaveLength(2);
    expect(Math.abs(norm(vectors[0]!) - 1)).toBeGreaterThan(0.01);
    expect(Array.from(vectors[0]!)).toEqual(
      Array.from(
        simulator.expectedVector('first text', 'amazon.titan-embed-text-v2:0', {
          dimensions: 512,
          normalize: false,
        }),
      ),
    );
    expect(simulator.log[0]!.path).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
  });

  it('Titan v2 embeddingType binary: 0/1 per dimension, recorded in the space', async () => {
    fresh();
    const embedding = bedrockAt(simulator, { embeddingType: 'binary', dimensions: 256 });
    const [vector] = await embedding.encodeDocuments(['bits please']);
    const float = simulator.expectedVector('bits please', 'amazon.titan-embed-text-v2:0', {
      dimensions: 256,
    });
    expect(Array.from(vector!)).toEqual(Array.from(float, (value) => (value > 0 ? 1 : 0)));
    expect(invokeBodies(simulator.log)[0]).toMatchObject({ embeddingTypes: ['binary'] });
    expect(embedding.space).toMatchObject({ embeddingType: 'binary' });
  });

  it('Titan v1 sends inputText only', async () => {
    fresh();
    const [vector] = await bedrockAt(simulator, { model: 'amazon.titan-embed-text-v1' }).embed([
      'x',
    ]);
    expect(vector).toHaveLength(1536);
    expect(invokeBodies(simulator.log)[0]).toEqual({ inputText: 'x' });
  });

  it('Cohere: search_document / search_query per purpose, inputType for embed()', async () => {
    fresh();
    const embedding = bedrockAt(simulator, {
      model: 'cohere.embed-english-v3',
      inputType: 'clustering',
    });
    const [query] = await embedding.encodeQueries(['bees']);
    const [document] = await embedding.encodeDocuments(['bees']);
    await embedding.embed(['bees']);
    expect(invokeBodies(simulator.log).map((body) => body.input_type)).toEqual([
      'search_query',
      'search_document',
      'clustering',
    ]);
    expect(Array.from(query!)).toEqual(
      Array.from(
        simulator.expectedVector('bees', 'cohere.embed-english-v3', { inputType: 'search_query' }),
      ),
    );
    expect(Array.from(document!)).not.toEqual(Array.from(query!));
    expect(embedding.space).toMatchObject({ inputType: 'clustering' });
  });

  it('Cohere: up to 96 texts per call, maxInputsPerCall lowers it', async () => {
    fresh();
    await bedrockAt(simulator, { model: 'cohere.embed-multilingual-v3' }).encodeDocuments(
      texts(200),
    );
    expect(
      invokeBodies(simulator.log)
        .map((body) => (body.texts as string[]).length)
        .sort(),
    ).toEqual([8, 96, 96]);
    fresh();
    await bedrockAt(simulator, {
      model: 'cohere.embed-multilingual-v3',
      maxInputsPerCall: 10,
    }).encodeDocuments(texts(25));
    expect(simulator.log).toHaveLength(3);
  });

  it('Cohere v4: dimensions as output_dimension, maxTokens as max_tokens, truncate', async () => {
    fresh();
    const embedding = bedrockAt(simulator, {
      model: 'cohere.embed-v4:0',
      dimensions: 256,
      maxTokens: 1000,
      truncate: 'RIGHT',
    });
    const [vector] = await embedding.encodeDocuments(['v4 text']);
    expect(vector).toHaveLength(256);
    expect(invokeBodies(simulator.log)[0]).toEqual({
      texts: ['v4 text'],
      input_type: 'search_document',
      truncate: 'RIGHT',
      output_dimension: 256,
      max_tokens: 1000,
    });
  });

  it('Cohere embeddingType int8 / uint8 / ubinary are decoded per dimension', async () => {
    const model = 'cohere.embed-english-v3';
    const float = simulator.expectedVector('quantise me', model, { inputType: 'search_document' });
    let largest = 0;
    for (const value of float) largest = Math.max(largest, Math.abs(value));
    const scale = 127 / largest;
    const int8 = Array.from(float, (value) => Math.round(value * scale) || 0);
    const [signed] = await bedrockAt(simulator, { model, embeddingType: 'int8' }).encodeDocuments([
      'quantise me',
    ]);
    expect(Array.from(signed!)).toEqual(int8);
    const [unsigned] = await bedrockAt(simulator, {
      model,
      embeddingType: 'uint8',
    }).encodeDocuments(['quantise me']);
    expect(Array.from(unsigned!)).toEqual(int8.map((value) => value + 128));
    for (const embeddingType of ['binary', 'ubinary'] as const) {
      const [bits] = await bedrockAt(simulator, { model, embeddingType }).encodeDocuments([
        'quantise me',
      ]);
      expect(bits).toHaveLength(1024);
      expect(Array.from(bits!)).toEqual(Array.from(float, (value) => (value > 0 ? 1 : 0)));
    }
  });

  it('Cohere v3 truncate: NONE refuses a long text and names it; END lets it through', async () => {
    const long = 'a, '.repeat(650).trim();
    const model = 'cohere.embed-english-v3';
    await expect(
      bedrockAt(simulator, { model, retry: fastRetry }).encodeDocuments(['short', long]),
    ).rejects.toThrow(/more than the model's maximum of 512/);
    fresh();
    const vectors = await bedrockAt(simulator, { model, truncate: 'END' }).encodeDocuments([
      'short',
      long,
    ]);
    expect(vectors).toHaveLength(2);
    expect(invokeBodies(simulator.log)[0]).toMatchObject({ truncate: 'END' });
  });

  it('Cohere truncate START / END and v4 maxTokens decide which part of a long text is embedded', async () => {
    const model = 'cohere.embed-english-v3';
    const head = 'bees dance to tell the hive where flowers are';
    const tail = 'glaciers look blue because ice absorbs red light';
    const long = `${head} ${'and, '.repeat(300)}${tail}`;
    const [end] = await bedrockAt(simulator, { model, truncate: 'END' }).encodeDocuments([long]);
    const [start] = await bedrockAt(simulator, { model, truncate: 'START' }).encodeDocuments([
      long,
    ]);
    const headVector = simulator.expectedVector(head, model, { inputType: 'search_document' });
    const tailVector = simulator.expectedVector(tail, model, { inputType: 'search_document' });
    expect(cosine(end!, headVector)).toBeGreaterThan(cosine(start!, headVector));
    expect(cosine(start!, tailVector)).toBeGreaterThan(cosine(end!, tailVector));
    const v4 = 'cohere.embed-v4:0';
    const [whole] = await bedrockAt(simulator, { model: v4 }).encodeDocuments([long]);
    const [cut] = await bedrockAt(simulator, {
      model: v4,
      maxTokens: 20,
      truncate: 'RIGHT',
    }).encodeDocuments([long]);
    expect(Array.from(cut!)).not.toEqual(Array.from(whole!));
    await expect(
      bedrockAt(simulator, { model: v4, maxTokens: 20, retry: fastRetry }).encodeDocuments([long]),
    ).rejects.toThrow(/more than the model's maximum of 20/);
  });

  it('a text over the model’s character cap is an InvalidInputError before anything is sent', async () => {
    fresh();
    const error = await bedrockAt(simulator, { model: 'cohere.embed-english-v3' })
      .encodeDocuments(['fine', 'x'.repeat(2049)])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).index).toBe(1);
    expect(simulator.log).toHaveLength(0);
  });

  it('settings the model does not take are refused at construction', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ dimensions: 300 }, /accepts dimensions 256, 512, 1024/],
      [{ model: 'cohere.embed-english-v3', dimensions: 512 }, /always returns 1024/],
      [{ model: 'cohere.embed-english-v3', normalize: true }, /does not take normalize/],
      [{ embeddingType: 'int8' }, /returns float, binary embeddings/],
      [{ truncate: 'END' }, /does not take truncate/],
      [{ model: 'cohere.embed-v4:0', truncate: 'END' }, /NONE, LEFT, RIGHT/],
      [{ inputType: 'clustering' }, /no input types/],
      [{ model: 'cohere.embed-english-v3', maxTokens: 10 }, /max_tokens/],
      [{ apiKey: 'x' }, /apiKey/],
      [{ region: 'mars' }, /region such as us-east-1/],
    ];
    for (const [settings, message] of cases) {
      expect(() => createBedrock(settings as never)).toThrow(InvalidConfigError);
      expect(() => createBedrock(settings as never)).toThrow(message);
    }
  });

  it('region: a request signed for another region is refused; AWS_REGION is read at call time', async () => {
    const other = bedrockAt(simulator, { region: 'us-west-2', retry: fastRetry });
    await expect(other.encodeDocuments(['x'])).rejects.toThrow(/scoped to a valid region/);
    const environment: NodeJS.ProcessEnv = {};
    const fromEnvironment = createBedrock(
      { endpoint: simulator.endpoint },
      { credentials: simulator.credentials, environment },
    );
    await expect(fromEnvironment.encodeDocuments(['x'])).rejects.toThrow(/AWS_REGION/);
    environment.AWS_REGION = 'us-east-1';
    expect(await fromEnvironment.encodeDocuments(['x'])).toHaveLength(1);
    expect(JSON.stringify(fromEnvironment.toConfig())).not.toContain('us-east-1');
  });

  it('concurrency bounds the calls in flight (Titan: one text per call)', async () => {
    const slow = await startBedrockSimulator({ latency: { fixedMs: 15 } });
    try {
      await bedrockAt(slow, { concurrency: 3 }).encodeDocuments(texts(12));
      expect(slow.stats.maxInFlight).toBe(3);
      expect(slow.stats.requests).toBe(12);
    } finally {
      await slow.close();
    }
  });

  it('timeoutMs and retry: a stalled call times out and is retried maxRetries times', async () => {
    fresh();
    simulator.faults.force('stall', 3);
    const embedding = bedrockAt(simulator, {
      timeoutMs: 100,
      retry: { ...fastRetry, maxRetries: 2 },
    });
    await expect(embedding.encodeDocuments(['x'])).rejects.toThrow(TimeoutError);
    expect(simulator.stats.requests).toBe(3);
    fresh();
    simulator.faults.force('serverError');
    simulator.faults.force('rateLimit');
    expect(await embedding.encodeDocuments(['x'])).toHaveLength(1);
    expect(simulator.log.map((entry) => entry.status)).toEqual([500, 429, 200]);
  });

  it('rateLimit paces calls under the account’s quota', async () => {
    const run = async (rateLimit?: { requestsPerMinute: number; windowMs: number }) => {
      const limited = await startBedrockSimulator({
        rateLimits: { requestsPerWindow: 5, windowMs: 400 },
      });
      try {
        await bedrockAt(limited, {
          concurrency: 4,
          retry: { baseDelayMs: 20, maxDelayMs: 100, maxRetries: 50 },
          ...(rateLimit ? { rateLimit } : {}),
        }).encodeDocuments(texts(12));
        return limited.stats.statuses[429] ?? 0;
      } finally {
        await limited.close();
      }
    };
    expect(await run()).toBeGreaterThan(0);
    expect(await run(withArrivalSlack({ requestsPerMinute: 5, windowMs: 400 }))).toBe(0);
  });
});
