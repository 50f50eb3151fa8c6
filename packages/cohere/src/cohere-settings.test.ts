import { InvalidConfigError, InvalidInputError } from '@embedkit/core';
import { cosine } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { catchError, cohereAt, texts, useCohereSimulator } from './cohere.test-helpers.js';
import { createCohere } from './cohere-embedding.js';

const simulator = useCohereSimulator();
beforeEach(() => simulator.current.resetStats());
const bodies = () => simulator.current.embedBodies();

describe('cohere settings: each one changes what is sent or returned', () => {
  it('sends search_document for documents, search_query for queries, inputType for embed()', async () => {
    const embedding = cohereAt(simulator.current, { inputType: 'clustering', dimensions: 256 });
    const [document] = await embedding.encodeDocuments(['red fox']);
    const [query] = await embedding.encodeQueries(['red fox']);
    const [plain] = await embedding.embed(['red fox']);
    expect(bodies().map((body) => body.input_type)).toEqual([
      'search_document',
      'search_query',
      'clustering',
    ]);
    const expected = (type: string) =>
      simulator.current.expectedVector('red fox', 'embed-v4.0', type, 256);
    expect(Array.from(document!)).toEqual(Array.from(expected('search_document')));
    expect(Array.from(query!)).toEqual(Array.from(expected('search_query')));
    expect(Array.from(plain!)).toEqual(Array.from(expected('clustering')));
    expect(cosine(document!, query!)).toBeLessThan(0.9999);
  });

  it('defaults embed() to search_document and takes a per-call input_type override, refusing unknown ones', async () => {
    const embedding = cohereAt(simulator.current, { dimensions: 256 });
    await embedding.embed(['a']);
    await embedding.embed(['a'], { task: 'classification' });
    expect(bodies().map((body) => body.input_type)).toEqual(['search_document', 'classification']);
    const error = await catchError(embedding.embed(['a'], { task: 'retrieval.query' }));
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('not "retrieval.query"');
    expect(bodies()).toHaveLength(2);
  });

  it('dimensions becomes output_dimension and the vector length, known without a call', async () => {
    for (const dimensions of [256, 512, 1024, 1536]) {
      const embedding = cohereAt(simulator.current, { dimensions });
      expect(embedding.dim).toBe(dimensions);
      const [vector] = await embedding.encodeDocuments(['x']);
      expect(vector).toHaveLength(dimensions);
    }
    expect(bodies().map((body) => body.output_dimension)).toEqual([256, 512, 1024, 1536]);
    const [full] = await cohereAt(simulator.current).encodeDocuments(['x']);
    expect(full).toHaveLength(1536);
    expect(bodies().at(-1)).not.toHaveProperty('output_dimension');
  });

  it('knows every listed model’s dim without a call', () => {
    const dims = {
      'embed-v4.0': 1536,
      'embed-english-v3.0': 1024,
      'embed-multilingual-v3.0': 1024,
      'embed-english-light-v3.0': 384,
      'embed-multilingual-light-v3.0': 384,
    };
    for (const [model, dim] of Object.entries(dims)) expect(createCohere({ model }).dim).toBe(dim);
  });

  it('refuses dimensions the model does not take, listing the allowed values', () => {
    const error = catchSync(() => createCohere({ dimensions: 768 }));
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'embed-v4.0 takes output_dimension 256, 512, 1024, 1536, not 768',
    );
    const v3 = catchSync(() => createCohere({ model: 'embed-english-v3.0', dimensions: 512 }));
    expect((v3 as Error).message).toContain(
      'always returns 1024 dimensions and takes no output_dimension',
    );
  });

  it('embeddingType: base64 (default) and float travel differently and decode to the same Float32Array', async () => {
    const [fromBase64] = await cohereAt(simulator.current, { dimensions: 256 }).encodeDocuments([
      'blue whale',
    ]);
    const [fromFloat] = await cohereAt(simulator.current, {
      dimensions: 256,
      embeddingType: 'float',
    }).encodeDocuments(['blue whale']);
    expect(bodies().map((body) => body.embedding_types)).toEqual([['base64'], ['float']]);
    expect(fromBase64).toBeInstanceOf(Float32Array);
    expect(Array.from(fromBase64!)).toEqual(Array.from(fromFloat!));
  });

  it('truncate is sent only when set; NONE makes an over-long input an error that names it', async () => {
    const long = `start ${'word '.repeat(700)}end`;
    const model = 'embed-english-light-v3.0';
    const [cutEnd] = await cohereAt(simulator.current, { model, truncate: 'END' }).encodeDocuments([
      long,
    ]);
    const [cutStart] = await cohereAt(simulator.current, {
      model,
      truncate: 'START',
    }).encodeDocuments([long]);
    await cohereAt(simulator.current, { model }).encodeDocuments(['short']);
    expect(bodies().map((body) => body.truncate)).toEqual(['END', 'START', undefined]);
    expect(Array.from(cutEnd!)).not.toEqual(Array.from(cutStart!));
    const error = await catchError(
      cohereAt(simulator.current, { model, truncate: 'NONE', concurrency: 1 }).encodeDocuments([
        'fine',
        long,
      ]),
    );
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
  });

  it('concurrency bounds the requests in flight', async () => {
    const slow = await import('@embedkit/testing').then(({ startCohereSimulator }) =>
      startCohereSimulator({ latency: { fixedMs: 20 } }),
    );
    try {
      await cohereAt(slow, { concurrency: 2, dimensions: 256 }).encodeDocuments(texts(96 * 6));
      expect(slow.stats.maxInFlight).toBe(2);
    } finally {
      await slow.close();
    }
  });

  it('retry.maxRetries bounds retries of server errors', async () => {
    simulator.current.faults.force('serverError', 2);
    const vectors = await cohereAt(simulator.current, { dimensions: 256 }).encodeDocuments(['a']);
    expect(vectors).toHaveLength(1);
    expect(simulator.current.stats.statuses).toEqual({ 500: 2, 200: 1 });
    simulator.current.faults.force('serverError', 1);
    const error = await catchError(
      cohereAt(simulator.current, { dimensions: 256, retry: { maxRetries: 0 } }).encodeDocuments([
        'a',
      ]),
    );
    expect((error as { status?: number }).status).toBe(500);
  });

  it('timeoutMs gives up on a stalled attempt and retries it', async () => {
    simulator.current.faults.force('stall', 1);
    const vectors = await cohereAt(simulator.current, {
      dimensions: 256,
      timeoutMs: 200,
    }).encodeDocuments(['a']);
    expect(vectors).toHaveLength(1);
    expect(simulator.current.arrivals).toHaveLength(2);
  });

  it('the deprecated top-level maxRetries still bounds retries (as retry.maxRetries)', async () => {
    simulator.current.faults.force('serverError', 1);
    const error = await catchError(
      cohereAt(simulator.current, { dimensions: 256, maxRetries: 0 }).encodeDocuments(['a']),
    );
    expect((error as { status?: number }).status).toBe(500);
    expect(simulator.current.arrivals).toHaveLength(1);
    expect(cohereAt(simulator.current, { maxRetries: 0 }).toConfig()).toMatchObject({
      retry: { maxRetries: 0 },
    });
  });

  it('refuses unknown settings and a literal apiKey in settings', () => {
    expect(() => createCohere({ dimension: 512 } as never)).toThrow(/dimension/);
    expect(() => createCohere({ apiKey: 'x' } as never)).toThrow(InvalidConfigError);
  });

  it('round-trips through toConfig() without defaults it did not set', () => {
    const embedding = createCohere({
      model: 'embed-v4.0',
      dimensions: 512,
      truncate: 'END',
      apiKeyEnv: 'MY_KEY',
    });
    expect(embedding.toConfig()).toEqual({
      provider: 'cohere',
      model: 'embed-v4.0',
      dim: 512,
      dimensions: 512,
      truncate: 'END',
      apiKeyEnv: 'MY_KEY',
    });
  });
});

function catchSync(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('cohere embedding space', () => {
  it('truncate START is its own space; END, NONE and the default share one', () => {
    const space = (truncate?: 'NONE' | 'START' | 'END') => createCohere({ truncate }).space;
    expect(space('END')).toEqual(space());
    expect(space('NONE')).toEqual(space());
    expect(space('START')).toMatchObject({ truncate: 'START' });
    expect(space('START')).not.toEqual(space());
  });
});
