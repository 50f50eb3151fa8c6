import { RateLimitError } from '@embedkit/core';
import { startMistralSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { mistralAt } from './simulator.test-helpers.js';

const inputs = Array.from({ length: 600 }, (_, index) => `t ${index}`);

describe('mistral 429 rate_limited', () => {
  it('a Retry-After, when one is sent, is waited out before the retry (Mistral documents none)', async () => {
    const simulator = await startMistralSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 900 },
      retryAfter: 'seconds',
    });
    try {
      const mistral = mistralAt(simulator, {
        concurrency: 1,
        retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 5000 },
      });
      const result = await mistral.embedWithUsage(inputs, { purpose: 'document' });
      expect(result.vectors).toHaveLength(600);
      const { calls } = simulator;
      expect(calls.map((call) => call.status)).toEqual([200, 429, 200]);
      // Retry-After: 1 (whole seconds, rounded up from the <900 ms left); backoff alone is 1 ms.
      expect(calls[1]!.retryAfterMs).toBe(1000);
      expect(calls[2]!.receivedAt).toBeGreaterThanOrEqual(calls[1]!.receivedAt + 1000 - 1);
      expect(result.usage.rateLimited).toBe(1);
    } finally {
      await simulator.close();
    }
  });

  it('without Retry-After the client backs off and the error, if retries run out, is a RateLimitError', async () => {
    const simulator = await startMistralSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 60_000 },
    });
    try {
      const error = await mistralAt(simulator, {
        concurrency: 1,
        retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      })
        .encodeDocuments(inputs)
        .catch((caught: unknown) => caught);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).providerCode).toBe('1300');
      expect((error as RateLimitError).retryAfterMs).toBeUndefined();
      expect(simulator.calls.map((call) => call.status)).toEqual([200, 429, 429, 429]);
      expect(simulator.calls[1]!.retryAfterMs).toBeUndefined();
    } finally {
      await simulator.close();
    }
  });
});
