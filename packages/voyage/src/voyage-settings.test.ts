import { InvalidConfigError, InvalidInputError } from '@embedkit/core';
import { cosine, startVoyageSimulator } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { catchError, texts, useVoyageSimulator, voyageAt } from './voyage.test-helpers.js';
import { createVoyage } from './voyage-embedding.js';
import { voyageModels } from './voyage-models.js';

const simulator = useVoyageSimulator();
beforeEach(() => simulator.current.resetStats());
const bodies = () => simulator.current.embeddingBodies();

describe('voyage settings: each one changes what is sent or returned', () => {
  it('sends document for documents, query for queries, and no input_type for embed() by default', async () => {
    const embedding = voyageAt(simulator.current, { dimensions: 256 });
    const [document] = await embedding.encodeDocuments(['red fox']);
    const [query] = await embedding.encodeQueries(['red fox']);
    const [plain] = await embedding.embed(['red fox']);
    expect(bodies().map((body) => body.input_type)).toEqual(['document', 'query', undefined]);
    const expected = (type: 'document' | 'query' | null) =>
      Array.from(simulator.current.expectedVector('red fox', 'voyage-3.5', type, 256));
    expect(Array.from(document!)).toEqual(expected('document'));
    expect(Array.from(query!)).toEqual(expected('query'));
    expect(Array.from(plain!)).toEqual(expected(null));
    expect(cosine(document!, query!)).toBeLessThan(0.9999);
  });

  it('inputType sets embed()’s input_type; a per-call task overrides it and unknown ones are refused', async () => {
    const embedding = voyageAt(simulator.current, { dimensions: 256, inputType: 'query' });
    await embedding.embed(['a']);
    await embedding.embed(['a'], { task: 'document' });
    expect(bodies().map((body) => body.input_type)).toEqual(['query', 'document']);
    const error = await catchError(embedding.embed(['a'], { task: 'search_query' }));
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(bodies()).toHaveLength(2);
    expect(voyageAt(simulator.current, { inputType: null }).toConfig()).toMatchObject({
      inputType: null,
    });
  });

  it('dimensions becomes output_dimension and the vector length, known without a call', async () => {
    for (const dimensions of [256, 512, 1024, 2048]) {
      const embedding = voyageAt(simulator.current, { model: 'voyage-4-lite', dimensions });
      expect(embedding.dim).toBe(dimensions);
      const [vector] = await embedding.encodeDocuments(['x']);
      expect(vector).toHaveLength(dimensions);
    }
    expect(bodies().map((body) => body.output_dimension)).toEqual([256, 512, 1024, 2048]);
    await voyageAt(simulator.current).encodeDocuments(['x']);
    expect(bodies().at(-1)).not.toHaveProperty('output_dimension');
  });

  it('knows every listed model’s dim without a call', () => {
    for (const [model, spec] of Object.entries(voyageModels))
      expect(createVoyage({ model }).dim).toBe(spec.dim);
  });

  it('refuses dimensions the model does not take, listing the allowed values', () => {
    expect(() => createVoyage({ dimensions: 768 })).toThrow(
      /voyage-3\.5 takes output_dimension 256, 512, 1024, 2048, not 768/,
    );
    expect(() => createVoyage({ model: 'voyage-law-2', dimensions: 512 })).toThrow(
      InvalidConfigError,
    );
    expect(() => createVoyage({ model: 'voyage-law-2', dimensions: 512 })).toThrow(
      /takes no output_dimension/,
    );
  });

  it('encodingFormat: base64 (default) and float travel differently and decode to the same Float32Array', async () => {
    const [fromBase64] = await voyageAt(simulator.current).encodeDocuments(['blue whale']);
    const [fromFloat] = await voyageAt(simulator.current, {
      encodingFormat: 'float',
    }).encodeDocuments(['blue whale']);
    expect(bodies().map((body) => body.encoding_format)).toEqual(['base64', undefined]);
    expect(fromBase64).toBeInstanceOf(Float32Array);
    expect(Array.from(fromBase64!)).toEqual(Array.from(fromFloat!));
  });

  it('truncation is sent only when set; false makes an over-long input an error that names it', async () => {
    const long = `start ${'word '.repeat(16_500)}end`;
    const model = 'voyage-law-2';
    const [cut] = await voyageAt(simulator.current, { model }).encodeDocuments([long]);
    await voyageAt(simulator.current, { model, truncation: true }).encodeDocuments(['short']);
    expect(cut).toHaveLength(1024);
    const error = await catchError(
      voyageAt(simulator.current, { model, truncation: false, concurrency: 1 }).encodeDocuments([
        'fine',
        long,
      ]),
    );
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect(bodies().map((body) => body.truncation)).toEqual([undefined, true, false, false]);
  });

  it('concurrency bounds the requests in flight', async () => {
    const slow = await startVoyageSimulator({ latency: { fixedMs: 20 } });
    try {
      await voyageAt(slow, { concurrency: 2, dimensions: 256 }).encodeDocuments(texts(1000 * 5));
      expect(slow.stats.maxInFlight).toBe(2);
    } finally {
      await slow.close();
    }
  });

  it('retry.maxRetries bounds retries of server errors; timeoutMs retries a stalled attempt', async () => {
    simulator.current.faults.force('serverError', 2);
    expect(await voyageAt(simulator.current).encodeDocuments(['a'])).toHaveLength(1);
    expect(simulator.current.arrivals.map((arrival) => arrival.status)).toEqual([500, 500, 200]);
    simulator.current.faults.force('serverError', 1);
    const error = await catchError(
      voyageAt(simulator.current, { retry: { maxRetries: 0 } }).encodeDocuments(['a']),
    );
    expect((error as { status?: number }).status).toBe(500);
    simulator.current.resetStats();
    simulator.current.faults.force('stall', 1);
    expect(
      await voyageAt(simulator.current, { timeoutMs: 200 }).encodeDocuments(['a']),
    ).toHaveLength(1);
    expect(simulator.current.arrivals).toHaveLength(2);
  });

  it('the deprecated top-level maxRetries still bounds retries (as retry.maxRetries)', async () => {
    simulator.current.faults.force('serverError', 1);
    const error = await catchError(
      voyageAt(simulator.current, { maxRetries: 0 }).encodeDocuments(['a']),
    );
    expect((error as { status?: number }).status).toBe(500);
    expect(simulator.current.arrivals).toHaveLength(1);
    expect(voyageAt(simulator.current, { maxRetries: 0 }).toConfig()).toMatchObject({
      retry: { maxRetries: 0 },
    });
  });

  it('refuses unknown settings and a literal apiKey in settings; toConfig holds only what was set', () => {
    expect(() => createVoyage({ dimension: 512 } as never)).toThrow(/dimension/);
    expect(() => createVoyage({ apiKey: 'x' } as never)).toThrow(InvalidConfigError);
    expect(
      createVoyage({
        model: 'voyage-4',
        dimensions: 512,
        truncation: false,
        apiKeyEnv: 'MY_KEY',
      }).toConfig(),
    ).toEqual({
      provider: 'voyage',
      model: 'voyage-4',
      dim: 512,
      dimensions: 512,
      truncation: false,
      apiKeyEnv: 'MY_KEY',
    });
  });
});
