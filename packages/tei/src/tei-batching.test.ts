import { countTokens, startTEISimulator } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedBodies } from './tei.test-helpers.js';
import { createTEI } from './tei-embedding.js';

const model = 'BAAI/bge-small-en-v1.5';
// A small server so that batches of every size meet its limits: 7 inputs, 220 batch tokens,
// inputs of at most 48 tokens and no truncation, and a 6 kB body limit.
const server = {
  maxClientBatchSize: 7,
  maxBatchTokens: 220,
  maxInputLength: 48,
  autoTruncate: false,
  payloadLimit: 6_000,
};

/** Texts of varied length (1 to about 30 tokens), all under the server's input limit. */
function corpus(count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    `text ${index} ${'about vectors and search '.repeat(index % 7)}`.trim(),
  );
}

describe('tei batches never exceed the limits learned from /info', () => {
  let simulator: Awaited<ReturnType<typeof startTEISimulator>>;
  beforeAll(async () => {
    simulator = await startTEISimulator(server);
  });
  afterAll(() => simulator.close());

  it('learns the limits once, from /info, before the first /embed', async () => {
    const embedding = createTEI({ baseURL: simulator.url, model, dimensions: 16 });
    simulator.resetStats();
    await embedding.encodeDocuments(corpus(20));
    await embedding.encodeQueries(corpus(3));
    expect(simulator.log[0]!.path).toBe('/info');
    expect(simulator.stats.requestsByRoute['GET /info']).toBe(1);
    expect(embedding.limits).toMatchObject({
      maxInputsPerCall: 7,
      maxTokensPerCall: 220,
      maxTokensPerInput: 48,
    });
  });

  it('no input count from 1 to 5,000 produces a refused request', async () => {
    const embedding = createTEI({ baseURL: simulator.url, model, dimensions: 16, concurrency: 8 });
    // Every count from 1 to 120 (all remainders of the caps several times over), then counts
    // spread over the rest of the range up to 5,000 itself.
    const counts = [
      ...Array.from({ length: 120 }, (_, index) => index + 1),
      ...[127, 128, 129, 255, 256, 257, 499, 500, 777, 1000, 1001, 2047, 2048, 2049, 3333, 4095],
      4999,
      5000,
    ];
    let requests = 0;
    for (const count of counts) {
      simulator.resetStats();
      const texts = corpus(count);
      const vectors = await embedding.encodeDocuments(texts);
      expect(vectors).toHaveLength(count);
      const refused = simulator.log.filter((entry) => entry.status !== 200);
      expect(refused, `refused requests for ${count} inputs`).toEqual([]);
      for (const body of embedBodies(simulator.log)) {
        const inputs = body.inputs as string[];
        expect(inputs.length).toBeLessThanOrEqual(server.maxClientBatchSize);
        expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(server.payloadLimit);
        const tokens = inputs.reduce((sum, text) => sum + countTokens(text) + 2, 0);
        expect(tokens).toBeLessThanOrEqual(server.maxBatchTokens);
      }
      requests += simulator.stats.requestsByRoute['POST /embed'] ?? 0;
    }
    expect(requests).toBeGreaterThan(3000);
  }, 120_000);
});
