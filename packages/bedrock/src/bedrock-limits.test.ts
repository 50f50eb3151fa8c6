import { startBedrockSimulator } from '@embedkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedrockAt, fastRetry } from './bedrock.test-helpers.js';

/** Texts of varied length, all within Cohere v3's 2,048 characters and 512 tokens. */
function corpus(count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    `text ${index} ${'about managed models '.repeat(index % 9)}`.trim(),
  );
}

describe('bedrock requests stay within each model’s caps', () => {
  let simulator: Awaited<ReturnType<typeof startBedrockSimulator>>;
  beforeAll(async () => {
    simulator = await startBedrockSimulator();
  });
  afterAll(() => simulator.close());

  it('no input count from 1 to 5,000 produces a refused request (Cohere v3 and v4)', async () => {
    const counts = [
      ...Array.from({ length: 100 }, (_, index) => index + 1),
      191,
      192,
      193,
      959,
      960,
      961,
      2500,
      4999,
      5000,
    ];
    const fewer = [...counts.slice(0, 20), 95, 96, 97, 192, 193, 5000];
    for (const [model, list] of [
      ['cohere.embed-english-v3', counts],
      ['cohere.embed-v4:0', fewer],
    ] as const) {
      const embedding = bedrockAt(simulator, {
        model,
        ...(model === 'cohere.embed-v4:0' ? { dimensions: 256 } : {}),
        concurrency: 8,
      });
      for (const count of list) {
        simulator.resetStats();
        expect(await embedding.encodeDocuments(corpus(count))).toHaveLength(count);
        expect(simulator.log.filter((entry) => entry.status !== 200)).toEqual([]);
        for (const entry of simulator.log) {
          expect((entry.body as { texts: string[] }).texts.length).toBeLessThanOrEqual(96);
        }
      }
    }
  }, 120_000);

  it('Titan: one text per call for any count', async () => {
    for (const count of [1, 2, 3, 7, 64, 300]) {
      simulator.resetStats();
      const embedding = bedrockAt(simulator, { dimensions: 256, concurrency: 16 });
      expect(await embedding.encodeDocuments(corpus(count))).toHaveLength(count);
      expect(simulator.stats.requests).toBe(count);
      expect(simulator.log.filter((entry) => entry.status !== 200)).toEqual([]);
    }
  }, 60_000);

  it('a 429 ThrottlingException with Retry-After is waited out as the header says', async () => {
    const throttled = await startBedrockSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 1_000 },
      retryAfter: 'seconds',
    });
    try {
      const embedding = bedrockAt(throttled, { retry: fastRetry });
      await embedding.encodeDocuments(['first']);
      await embedding.encodeDocuments(['second']);
      expect(throttled.log.map((entry) => entry.status)).toEqual([200, 429, 200]);
    } finally {
      await throttled.close();
    }
  });
});
