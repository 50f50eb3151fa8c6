import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AbortError,
  DimensionMismatchError,
  InvalidInputError,
  ResponseFormatError,
} from '@embedkit/core';
import {
  type FaultKind,
  jinaSimulatorApiKey,
  simulatedVectors,
  startJinaSimulator,
} from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJina } from './jina-embedding.js';
import { jinaAt, useJinaSimulator } from './simulator.test-helpers.js';

const texts = ['alpha text', 'beta text', 'gamma text'];
const expected = simulatedVectors(texts, { dimensions: 32, task: 'retrieval.passage' }).map(
  (vector) => Array.from(vector),
);
const asArrays = (vectors: Float32Array[]) => vectors.map((vector) => Array.from(vector));

function expectNoKey(error: unknown, key: string) {
  const everything = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
  expect(everything).not.toContain(key);
}

describe('jina resilience: transient failures are retried', () => {
  const simulator = useJinaSimulator({ latency: { fixedMs: 1 } });
  beforeEach(() => simulator.current.resetStats());

  const transient: FaultKind[] = [
    'serverError',
    'connectionReset',
    'truncatedBody',
    'nonJsonBody',
    'wrongCount',
  ];
  for (const fault of transient) {
    it(`recovers from ${fault}`, async () => {
      simulator.current.faults.force(fault);
      const vectors = await jinaAt(simulator.current, { dimensions: 32 }).encodeDocuments(texts);
      expect(asArrays(vectors)).toEqual(expected);
      expect(simulator.current.stats.requests).toBe(2);
    });
  }

  it('recovers from a stalled response through the per-attempt timeout', async () => {
    simulator.current.faults.force('stall');
    const embedding = jinaAt(simulator.current, { dimensions: 32, timeoutMs: 300 });
    expect(asArrays(await embedding.encodeDocuments(texts))).toEqual(expected);
    expect(simulator.current.stats.requests).toBe(2);
  });

  it('recovers from 429 without Retry-After, counting it in usage', async () => {
    simulator.current.faults.force('rateLimit', 2);
    const result = await jinaAt(simulator.current, { dimensions: 32 }).embedWithUsage(texts, {
      purpose: 'document',
    });
    expect(asArrays(result.vectors)).toEqual(expected);
    expect(result.usage).toMatchObject({ calls: 1, retries: 2, rateLimited: 2 });
  });

  it('a wrong count that persists is a ResponseFormatError', async () => {
    simulator.current.faults.force('wrongCount');
    const error = await jinaAt(simulator.current, { dimensions: 32, maxRetries: 0 })
      .encodeDocuments(texts)
      .catch((caught: unknown) => caught);
    expect(ResponseFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/2 vectors for 3 inputs/);
    expectNoKey(error, simulator.current.apiKey);
  });

  it('a wrong dimension is a DimensionMismatchError after one attempt (a retry cannot fix it)', async () => {
    simulator.current.faults.force('wrongDimension');
    const error = await jinaAt(simulator.current, { dimensions: 32 })
      .encodeDocuments(texts)
      .catch((caught: unknown) => caught);
    expect(DimensionMismatchError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'jina model jina-embeddings-v3 returned a vector of 31 dimensions for input 0; expected 32',
    );
    expect(simulator.current.stats.requests).toBe(1);
    expectNoKey(error, simulator.current.apiKey);
  });

  it('splits a batch the server refuses as too large, and names a single over-long input', async () => {
    const long = 'a b '.repeat(5000);
    const error = await jinaAt(simulator.current, { dimensions: 32 })
      .encodeDocuments(['short', long, 'also short'])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect((error as Error).message).toContain('Input 1');
    expect(simulator.current.stats.statuses[400]).toBeGreaterThanOrEqual(2);
  });

  it('survives random faults at a steady rate (seeded)', async () => {
    const chaotic = await startJinaSimulator({
      faults: {
        seed: 5,
        rates: {
          serverError: 0.1,
          connectionReset: 0.1,
          truncatedBody: 0.1,
          nonJsonBody: 0.1,
          rateLimit: 0.1,
        },
      },
    });
    const embedding = jinaAt(chaotic, { dimensions: 32, maxRetries: 12 });
    for (let round = 0; round < 8; round++) {
      expect(asArrays(await embedding.encodeDocuments(texts))).toEqual(expected);
    }
    expect(
      Object.values(chaotic.faults.injected).reduce((sum, count) => sum + count, 0),
    ).toBeGreaterThan(0);
    await chaotic.close();
  });
});

describe('jina resilience: batching against server limits', () => {
  it('halves batches when the server takes fewer inputs than the plan', async () => {
    const simulator = await startJinaSimulator({ maxInputsPerRequest: 10 });
    const inputs = Array.from({ length: 40 }, (_, index) => `input ${index}`);
    const vectors = await jinaAt(simulator, { dimensions: 16 }).encodeDocuments(inputs);
    expect(asArrays(vectors)).toEqual(
      asArrays(simulatedVectors(inputs, { dimensions: 16, task: 'retrieval.passage' })),
    );
    expect(simulator.stats.statuses[422]).toBe(3);
    expect(simulator.stats.statuses[200]).toBe(4);
    await simulator.close();
  });

  it('recovers from 429 with Retry-After and from the concurrency limit', async () => {
    const simulator = await startJinaSimulator({
      limits: { concurrentRequests: 2 },
      latency: { fixedMs: 10 },
      retryAfter: 'seconds',
    });
    const embedding = jinaAt(simulator, {
      lateChunking: true,
      dimensions: 16,
      concurrency: 6,
      maxRetries: 20,
    });
    const documents = Array.from({ length: 8 }, (_, index) => [
      `document ${index} first`,
      `document ${index} second`,
    ]);
    const groups = await embedding.encodeDocumentGroups(documents);
    expect(groups).toHaveLength(8);
    expect(simulator.stats.statuses[429]).toBeGreaterThan(0);
    expect(simulator.stats.statuses[200]).toBe(8);
    expect(simulator.log.find((entry) => entry.status === 429)).toBeDefined();
    await simulator.close();
  });
});

describe('jina resilience: abort', () => {
  it('stops every open connection at once', async () => {
    const simulator = await startJinaSimulator({ faults: { rates: { stall: 1 } } });
    const embedding = jinaAt(simulator, { lateChunking: true, dimensions: 16, concurrency: 3 });
    const controller = new AbortController();
    const pending = embedding
      .encodeDocumentGroups(
        Array.from({ length: 6 }, (_, index) => [`doc ${index}`]),
        { signal: controller.signal },
      )
      .catch((caught: unknown) => caught);
    while (simulator.stats.inFlight < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(simulator.stats.openConnections).toBeGreaterThanOrEqual(3);
    controller.abort(new Error('user cancelled'));
    const error = await pending;
    expect(AbortError.isInstance(error)).toBe(true);
    await simulator.waitUntilIdle();
    for (let poll = 0; poll < 200 && simulator.stats.openConnections > 0; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(simulator.stats.inFlight).toBe(0);
    expect(simulator.stats.openConnections).toBe(0);
    expect(simulator.stats.requests).toBe(3);
    await simulator.close();
  });
});

describe('jina resilience: malformed vectors in a 200', () => {
  /** A server that answers every request with `body`, to send what the simulator never would. */
  async function answering(body: unknown) {
    const server = createServer((request, response) => {
      request.resume().on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const embedding = createJina(
      { baseURL: `http://127.0.0.1:${port}/v1`, dimensions: 2, retry: { maxRetries: 0 } },
      { apiKey: jinaSimulatorApiKey },
    );
    return { embedding, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('refuses a float list holding a non-number, naming the item and the position', async () => {
    const server = await answering({
      data: [
        { index: 0, embedding: [0.5, 0.25] },
        { index: 1, embedding: [0.5, '0.25'] },
      ],
    });
    const error = await server.embedding.encodeDocuments(['a', 'b']).catch((caught) => caught);
    expect(ResponseFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'float vector for item 1 of jina-embeddings-v3 that holds a string at position 1',
    );
    await server.close();
  });

  it('refuses base64 that is not whole float32 values as possibly cut off', async () => {
    const server = await answering({
      data: [{ index: 0, embedding: Buffer.alloc(6).toString('base64') }],
    });
    const error = await server.embedding.encodeDocuments(['a']).catch((caught) => caught);
    expect(ResponseFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /base64 vector for item 0 of jina-embeddings-v3 that does not decode to float32 values .*cut off/,
    );
    await server.close();
  });
});
