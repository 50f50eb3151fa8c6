import { describe, expect, it } from 'vitest';
import { createEmbeddingFunction } from '../embedding/create-embedding-function.js';
import { AbortError } from '../errors/abort-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { BatchLimits } from './batch-limits.js';
import { answer, fakeProvider, vectorFor } from './fake-provider.test-helpers.js';
import { RateBudget } from './rate-budget.js';
import { rateLimitedProvider, type ServiceLimits } from './rate-limited-provider.test-helpers.js';
import { type RunBatchesOptions, runBatches } from './run-batches.js';

// Three calls of 3 inputs fit one 200 ms window by tokens (billed 18 each, 60 per window);
// 30 inputs are 10 calls, so a run spans about four windows.
const service: ServiceLimits = { requestsPerMinute: 4, tokensPerMinute: 60, windowMs: 200 };
const limits: BatchLimits = { maxInputsPerCall: 3, supportsParallelCalls: true, concurrency: 4 };
/** Eight-character texts: estimated 8 tokens each, billed 6 (the estimate runs high, as core's does). */
const documents = (count: number, prefix = 'd') =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(6, '0')}`);
const billedTokens = (text: string) => (text.length * 3) / 4;
/** The fake service stamps a call the moment it is made, so a few milliseconds of margin do. */
const pacedBudget = () => new RateBudget(service, { marginMs: 5 });

function options(
  provider: ReturnType<typeof rateLimitedProvider>,
  inputs: string[],
  overrides: Partial<RunBatchesOptions<string>> = {},
): RunBatchesOptions<string> {
  return {
    inputs,
    embedBatch: provider.embedBatch,
    limits,
    provider: 'fake',
    dim: 4,
    purpose: 'document',
    estimateTokens: (text) => text.length,
    retry: { maxRetries: 20, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1000 },
    ...overrides,
  };
}

describe('runBatches with a rate budget', () => {
  it('paces a multi-window run to the service limits without a single 429', async () => {
    const provider = rateLimitedProvider({ limits: service, billedTokens });
    const inputs = documents(30);
    const budget = pacedBudget();
    const admit = budget.admit.bind(budget);
    let admissions = 0;
    budget.admit = (tokens) => {
      admissions++;
      return admit(tokens);
    };
    const result = await runBatches(options(provider, inputs, { rateBudget: budget }));
    expect(result.vectors).toEqual(inputs.map((text) => vectorFor(text, 4)));
    expect(provider.counts.billed).toBeGreaterThanOrEqual(3 * service.tokensPerMinute);
    expect(provider.counts.refused).toBe(0);
    expect(result.usage).toMatchObject({ rateLimited: 0, retries: 0, tokens: 180 });
    // The scheduler sleeps until room is due or a call settles; it does not poll the budget.
    expect(admissions).toBeLessThanOrEqual(4 * result.usage.calls);
  });

  it('without the budget, the same run meets 429s (what pacing avoids)', async () => {
    const provider = rateLimitedProvider({ limits: service, billedTokens });
    const result = await runBatches(options(provider, documents(30)));
    expect(provider.counts.refused).toBeGreaterThan(0);
    expect(result.usage.rateLimited).toBe(provider.counts.refused);
  });

  it('shares one budget across concurrent calls of one embedding function', async () => {
    const provider = rateLimitedProvider({ limits: service, billedTokens });
    const embedding = createEmbeddingFunction({
      provider: 'fake',
      model: 'm',
      dim: 4,
      limits,
      settings: {},
      embedBatch: provider.embedBatch,
      estimateTokens: (text) => text.length,
      rateLimit: service,
      retry: { maxRetries: 20, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const [first, second] = await Promise.all([
      embedding.encodeDocuments(documents(15, 'a')),
      embedding.encodeDocuments(documents(15, 'b')),
    ]);
    expect(first).toEqual(documents(15, 'a').map((text) => vectorFor(text, 4)));
    expect(second).toEqual(documents(15, 'b').map((text) => vectorFor(text, 4)));
    expect(provider.counts.refused).toBe(0);
    expect(provider.counts.billed).toBe(180);
  });

  it('still retries a 429 the budget did not foresee, and completes', async () => {
    const provider = fakeProvider({
      behave: (call, number) => {
        if (number === 0) {
          throw new RateLimitError({ provider: 'fake', message: 'busy', retryAfterMs: 5 });
        }
        return answer(call.inputs, 4, 18);
      },
    });
    const inputs = documents(6);
    const result = await runBatches({
      ...options(rateLimitedProvider({ limits: service, billedTokens }), inputs),
      embedBatch: provider.embedBatch,
      rateBudget: pacedBudget(),
    });
    expect(result.vectors).toEqual(inputs.map((text) => vectorFor(text, 4)));
    expect(result.usage).toMatchObject({ rateLimited: 1, retries: 1, calls: 2 });
  });

  it('sends the part of a batch the window has room for, and never splits an atomic group', async () => {
    const provider = rateLimitedProvider({ limits: service, billedTokens });
    // Batches of 4 inputs: 32 estimated tokens, 24 billed; two fit a 60-token window with 12 to spare.
    const wide = { ...limits, maxInputsPerCall: 4 };
    const split = await runBatches(
      options(provider, documents(16), { limits: wide, rateBudget: pacedBudget() }),
    );
    expect(provider.calls.some((call) => call.inputs.length < 4)).toBe(true);
    expect(split.usage).toMatchObject({ rateLimited: 0, tokens: 96 });

    const grouped = rateLimitedProvider({ limits: service, billedTokens });
    const groups = await runBatches(
      options(grouped, documents(16), {
        limits: wide,
        groups: [4, 4, 4, 4],
        rateBudget: pacedBudget(),
      }),
    );
    expect(grouped.calls.map((call) => call.inputs.length)).toEqual([4, 4, 4, 4]);
    expect(groups.usage.rateLimited).toBe(0);
  });

  it('rejects with AbortError at once when aborted while waiting for the budget', async () => {
    const provider = rateLimitedProvider({ limits: service, billedTokens });
    const controller = new AbortController();
    // One request a minute: after the first call, the rest would wait a minute for room.
    const budget = new RateBudget({ requestsPerMinute: 1, windowMs: 60_000 });
    const run = runBatches(
      options(provider, documents(9), {
        rateBudget: budget,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.calls === 1) setTimeout(() => controller.abort(new Error('stop')), 5);
        },
      }),
    );
    await expect(run).rejects.toBeInstanceOf(AbortError);
    await expect(run).rejects.toMatchObject({ completed: { indices: [0, 1, 2] } });
    expect(provider.counts.accepted).toBe(1);
  });
});
