import { describe, expect, it } from 'vitest';
import type { BatchLimits } from './batch-limits.js';
import { withFairShare } from './fair-share-limits.js';
import { answer } from './fake-provider.test-helpers.js';
import { RateBudget } from './rate-budget.js';
import { runBatches } from './run-batches.js';

const limits: BatchLimits = {
  maxInputsPerCall: 2048,
  maxTokensPerCall: 131_072,
  supportsParallelCalls: true,
  concurrency: 50,
};

describe('withFairShare', () => {
  it('caps a call at a window’s tokens over the concurrency when many calls may be in flight', () => {
    const paid = new RateBudget({ requestsPerMinute: 500, tokensPerMinute: 100_000 });
    expect(withFairShare(limits, paid, 50).maxTokensPerCall).toBe(2_000);
  });

  it('changes nothing without a budget, when the share is above the call cap, or when requests would bind', () => {
    expect(withFairShare(limits, undefined, 50)).toBe(limits);
    const free = new RateBudget({ requestsPerMinute: 500, tokensPerMinute: 1_000_000 });
    expect(withFairShare({ ...limits, concurrency: 5 }, free, 5)).toEqual({
      ...limits,
      concurrency: 5,
    });
    // 60 tokens and 4 requests a window: a share of 15 is not 4 × 15 tokens per needed request.
    const tight = new RateBudget({ requestsPerMinute: 4, tokensPerMinute: 60 });
    expect(withFairShare(limits, tight, 4)).toBe(limits);
    const requestsOnly = new RateBudget({ requestsPerMinute: 100 });
    expect(withFairShare(limits, requestsOnly, 50)).toBe(limits);
  });

  it('spreads a rate-limited run over the pool: no call above the share, all vectors in order', async () => {
    const sizes: number[] = [];
    const inputs = Array.from(
      { length: 400 },
      (_, index) => `text-${String(index).padStart(5, '0')}`,
    );
    const run = (rateBudget?: RateBudget) =>
      runBatches({
        inputs,
        limits: { ...limits, concurrency: 10 },
        provider: 'fake',
        dim: 4,
        purpose: 'document',
        estimateTokens: (text) => text.length,
        embedBatch: async (batch) => {
          sizes.push(batch.inputs.reduce((sum, text) => sum + text.length, 0));
          return answer(batch.inputs, 4);
        },
        ...(rateBudget ? { rateBudget } : {}),
      });
    const unpaced = await run();
    expect(sizes).toEqual([4_000]);
    sizes.length = 0;
    // 8,000 tokens a window over 10 slots: calls of at most 800 estimated tokens (80 texts).
    const paced = await run(new RateBudget({ requestsPerMinute: 1_000, tokensPerMinute: 8_000 }));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(800);
    expect(sizes.length).toBe(5);
    expect(paced.vectors).toEqual(unpaced.vectors);
  });
});
