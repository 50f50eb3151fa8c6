import { RateLimitError } from '@embedkit/core';
import { startGeminiSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { geminiAt } from './simulator.test-helpers.js';

describe('gemini 429: the RetryInfo delay in the body is waited out', () => {
  it('the retry arrives no earlier than the advertised retryDelay, even with near-zero backoff', async () => {
    // One request per 1,000 ms window: the second request of the run is refused with the wait.
    const simulator = await startGeminiSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 1000 },
    });
    try {
      const gemini = geminiAt(simulator, {
        dimensions: 128,
        concurrency: 1,
        retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 5000 },
      });
      const result = await gemini.embedWithUsage(
        Array.from({ length: 150 }, (_, index) => `t ${index}`),
        { purpose: 'document' },
      );
      expect(result.vectors).toHaveLength(150);
      const calls = simulator.calls;
      const limited = calls.filter((call) => call.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(1);
      for (const call of limited) {
        const next = calls[calls.indexOf(call) + 1]!;
        // Backoff alone (1 ms) would come back at once; the client waited the body's delay
        // (timers may fire up to a millisecond early against Date.now).
        expect(next.receivedAt).toBeGreaterThanOrEqual(call.receivedAt + call.retryDelayMs! - 1);
      }
      // One refusal of up to 1,000 ms; any second one is the sub-millisecond timer edge.
      expect(limited[0]!.retryDelayMs).toBeGreaterThan(100);
      expect(limited.slice(1).every((call) => call.retryDelayMs! <= 2)).toBe(true);
      expect(calls.at(-1)!.status).toBe(200);
      expect(result.usage.rateLimited).toBe(limited.length);
    } finally {
      await simulator.close();
    }
  });

  it('maxRetryAfterMs caps the wait: the client comes back early and is refused again', async () => {
    const simulator = await startGeminiSimulator({
      rateLimits: { requestsPerWindow: 1, windowMs: 1000 },
    });
    try {
      const gemini = geminiAt(simulator, {
        dimensions: 128,
        concurrency: 1,
        retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 5 },
      });
      const error = await gemini
        .encodeDocuments(Array.from({ length: 150 }, (_, index) => `t ${index}`))
        .catch((caught: unknown) => caught);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(5);
      expect(simulator.calls.map((call) => call.status)).toEqual([200, 429, 429, 429]);
    } finally {
      await simulator.close();
    }
  });

  it('an injected 429 carries a RetryInfo delay the error reports', async () => {
    const simulator = await startGeminiSimulator({ faultRetryDelayMs: 1500 });
    try {
      simulator.faults.force('rateLimit', 1);
      const error = await geminiAt(simulator, { retry: { maxRetries: 0 } })
        .encodeDocuments(['x'])
        .catch((caught: unknown) => caught);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBe(1500);
      expect((error as RateLimitError).providerCode).toBe('RESOURCE_EXHAUSTED');
    } finally {
      await simulator.close();
    }
  });
});
