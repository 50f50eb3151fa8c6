import { InvalidConfigError, RateLimitError } from '@embedkit/core';
import { startCohereSimulator, withArrivalSlack } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { catchError, cohereAt, texts } from './cohere.test-helpers.js';
import { createCohere } from './cohere-embedding.js';

describe('cohere 429s', () => {
  it('waits out the Retry-After of a 429 before the retry, by the simulator’s clock', async () => {
    const simulator = await startCohereSimulator({
      retryAfter: 'seconds',
      faultRetryAfterMs: 1000,
    });
    try {
      simulator.faults.force('rateLimit', 1);
      const result = await cohereAt(simulator, { dimensions: 256 }).embedWithUsage(['a', 'b']);
      expect(result.vectors).toHaveLength(2);
      expect(result.usage.rateLimited).toBe(1);
      const [refused, retried] = simulator.arrivals;
      expect(refused!.status).toBe(429);
      expect(simulator.log[0]!.status).toBe(429);
      expect(retried!.status).toBe(200);
      // The header said 1 second; backoff alone (fastRetry: 1-10 ms) would retry at once.
      expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(1000);
    } finally {
      await simulator.close();
    }
  });

  it('without a header (Cohere documents none) retries with backoff and still succeeds', async () => {
    const simulator = await startCohereSimulator();
    try {
      simulator.faults.force('rateLimit', 2);
      const result = await cohereAt(simulator, { dimensions: 256 }).embedWithUsage(['a']);
      expect(result.usage.rateLimited).toBe(2);
      expect(simulator.arrivals.map((arrival) => arrival.status)).toEqual([429, 429, 200]);
    } finally {
      await simulator.close();
    }
  });

  it('gives up with a RateLimitError after retry.maxRetries', async () => {
    const simulator = await startCohereSimulator();
    try {
      simulator.faults.force('rateLimit', 5);
      const error = await catchError(
        cohereAt(simulator, {
          dimensions: 256,
          retry: { maxRetries: 1, baseDelayMs: 1 },
        }).encodeDocuments(['a']),
      );
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('past the per minute request limit');
      expect(simulator.arrivals).toHaveLength(2);
    } finally {
      await simulator.close();
    }
  });
});

describe('cohere rateLimit: pacing to the key’s limits', () => {
  /** A service whose "minute" is 400 ms and takes 6 requests in it. */
  const limits = { requestsPerMinute: 6, windowMs: 400 };

  async function run(rateLimit?: typeof limits) {
    const simulator = await startCohereSimulator({ limits });
    try {
      const embedding = cohereAt(simulator, {
        dimensions: 256,
        concurrency: 4,
        retry: { maxRetries: 50, baseDelayMs: 5, maxDelayMs: 40 },
        ...(rateLimit ? { rateLimit } : {}),
      });
      const vectors = await embedding.encodeDocuments(texts(96 * 14));
      expect(vectors).toHaveLength(96 * 14);
      return {
        refused: simulator.stats.statuses[429] ?? 0,
        accepted: simulator.stats.statuses[200],
      };
    } finally {
      await simulator.close();
    }
  }

  it('stays under the limits with no 429, where the same run without it meets 429s', async () => {
    const unpaced = await run();
    const paced = await run(withArrivalSlack(limits));
    expect(unpaced.refused).toBeGreaterThan(0);
    expect(paced).toEqual({ refused: 0, accepted: 14 });
  });

  it('is validated and kept in toConfig (it is not secret)', () => {
    expect(createCohere({ rateLimit: { requestsPerMinute: 20 } }).toConfig()).toMatchObject({
      rateLimit: { requestsPerMinute: 20 },
    });
    expect(() => createCohere({ rateLimit: { requestsPerMinute: 0 } })).toThrow(InvalidConfigError);
  });
});
