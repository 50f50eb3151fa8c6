import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError } from '../errors/abort-error.js';
import { ApiCallError } from '../errors/api-call-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseFormatError } from '../errors/response-format-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { BatchLimits } from './batch-limits.js';
import type { BatchResponse } from './embed-batch.js';
import {
  answer,
  deferred,
  fakeProvider,
  hangUntilAborted,
  texts,
  vectorFor,
} from './fake-provider.test-helpers.js';
import { type RunBatchesOptions, runBatches } from './run-batches.js';

const limits: BatchLimits = { maxInputsPerCall: 3, supportsParallelCalls: true, concurrency: 4 };
const quickRetry = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 };

function options(
  provider: ReturnType<typeof fakeProvider>,
  inputs: string[],
  overrides: Partial<RunBatchesOptions<string>> = {},
): RunBatchesOptions<string> {
  return {
    inputs,
    embedBatch: provider.embedBatch,
    limits,
    provider: 'fake',
    dim: provider.dim,
    purpose: 'document',
    estimateTokens: (text) => text.length,
    retry: quickRetry,
    ...overrides,
  };
}

const failWith = (status: number) =>
  new ApiCallError({ provider: 'fake', status, message: `fake answered ${status}` });

afterEach(() => {
  vi.useRealTimers();
});

describe('runBatches: planning and order', () => {
  it('returns nothing and makes no call for an empty list', async () => {
    const provider = fakeProvider();
    const result = await runBatches(options(provider, []));
    expect(result.vectors).toEqual([]);
    expect(provider.calls).toHaveLength(0);
  });

  it('splits by count and returns every vector in input order', async () => {
    const provider = fakeProvider();
    const inputs = texts(10);
    const result = await runBatches(options(provider, inputs));
    expect(provider.calls.map((call) => call.inputs.length)).toEqual([3, 3, 3, 1]);
    expect(result.vectors).toEqual(inputs.map((text) => vectorFor(text, 4)));
    expect(result.usage.calls).toBe(4);
  });

  it('packs calls under the token budget using the pluggable estimator', async () => {
    const provider = fakeProvider();
    const inputs = ['aaaa', 'bb', 'cccccc', 'd', 'eeeee', 'ff'];
    await runBatches(
      options(provider, inputs, {
        limits: { ...limits, maxInputsPerCall: 100, maxTokensPerCall: 8 },
      }),
    );
    for (const call of provider.calls) {
      expect(call.inputs.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(8);
    }
    expect(provider.calls.flatMap((call) => call.inputs)).toEqual(inputs);
  });

  it('puts vectors back in order when the provider numbers them out of order', async () => {
    const provider = fakeProvider({
      behave: (call) => ({ embeddings: [...answer(call.inputs, 4).embeddings].reverse() }),
    });
    const inputs = texts(7);
    const result = await runBatches(options(provider, inputs));
    expect(result.vectors).toEqual(inputs.map((text) => vectorFor(text, 4)));
  });

  it('passes purpose, task and headers to the provider and never more than the batch slice', async () => {
    const provider = fakeProvider();
    await runBatches(
      options(provider, texts(5), {
        purpose: 'query',
        task: 'retrieval.query',
        headers: { a: 'b' },
      }),
    );
    for (const { request } of provider.calls) {
      expect(request).toMatchObject({ purpose: 'query', task: 'retrieval.query', atomic: false });
      expect(request.headers).toEqual({ a: 'b' });
      expect(request.inputs.length).toBeLessThanOrEqual(3);
    }
  });

  it('learns the dimension from the first response when it is 0 and holds later ones to it', async () => {
    const provider = fakeProvider({
      behave: (call, number) => answer(call.inputs, number === 0 ? 4 : 5),
    });
    const error = await runBatches(
      options(provider, texts(6), {
        dim: 0,
        concurrency: 1,
        retry: { ...quickRetry, maxRetries: 0 },
      }),
    ).catch((caught: unknown) => caught);
    expect(DimensionMismatchError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('5 dimensions');
    expect((error as DimensionMismatchError).completed?.indices).toEqual([0, 1, 2]);
  });

  it('embeds 100,000 inputs in calls no larger than the limit', async () => {
    const provider = fakeProvider({ dim: 1 });
    const inputs = texts(100_000);
    const result = await runBatches(
      options(provider, inputs, {
        limits: { maxInputsPerCall: 2048, supportsParallelCalls: true, concurrency: 8 },
      }),
    );
    expect(result.vectors).toHaveLength(100_000);
    expect(result.vectors[99_999]).toEqual(vectorFor('input-99999', 1));
    expect(Math.max(...provider.calls.map((call) => call.inputs.length))).toBe(2048);
    expect(provider.calls).toHaveLength(Math.ceil(100_000 / 2048));
  });
});

describe('runBatches: malformed responses', () => {
  const cases: [string, (call: { inputs: readonly string[] }) => BatchResponse, string][] = [
    [
      'the wrong count',
      (call) => ({ embeddings: answer(call.inputs, 4).embeddings.slice(1) }),
      'returned 2 vectors for 3 inputs',
    ],
    [
      'a missing index',
      (call) => ({
        embeddings: answer(call.inputs, 4).embeddings.map((entry) => ({
          ...entry,
          index: 1 + entry.index,
        })),
      }),
      'outside 0..2',
    ],
    [
      'a duplicate index',
      (call) => ({
        embeddings: answer(call.inputs, 4).embeddings.map((entry) => ({ ...entry, index: 0 })),
      }),
      'index 0 twice',
    ],
    [
      'a NaN in a vector',
      (call) => {
        const response = answer(call.inputs, 4);
        response.embeddings[1]!.vector[2] = Number.NaN;
        return response;
      },
      'NaN at position 2 of the vector for input 4',
    ],
    [
      'an all-zero vector',
      (call) => ({
        embeddings: answer(call.inputs, 4).embeddings.map((entry) => ({
          ...entry,
          vector: new Float32Array(4),
        })),
      }),
      'all-zero vector for input 3',
    ],
  ];
  for (const [name, respond, message] of cases) {
    it(`refuses ${name} with ResponseFormatError and keeps the completed batches`, async () => {
      const provider = fakeProvider({
        behave: (call, number) => (number === 0 ? answer(call.inputs, 4) : respond(call)),
      });
      const error = await runBatches(
        options(provider, texts(6), { concurrency: 1, retry: { ...quickRetry, maxRetries: 1 } }),
      ).catch((caught: unknown) => caught);
      expect(ResponseFormatError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(message);
      // Retried once (a mangled body is usually transient), then given up.
      expect(provider.calls).toHaveLength(3);
      const completed = (error as ResponseFormatError).completed!;
      expect(completed.indices).toEqual([0, 1, 2]);
      expect(completed.vectors).toEqual(texts(3).map((text) => vectorFor(text, 4)));
    });
  }
});

describe('runBatches: failures that cannot heal', () => {
  it('sends a batch with vectors of the wrong dimension once and names the model and lengths', async () => {
    const provider = fakeProvider({
      behave: (call, number) => answer(call.inputs, number === 0 ? 4 : 3),
    });
    const error = await runBatches(
      options(provider, texts(6), { concurrency: 1, model: 'fake-model' }),
    ).catch((caught: unknown) => caught);
    expect(DimensionMismatchError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ expected: 4, actual: 3 });
    expect((error as Error).message).toContain(
      'fake model fake-model returned a vector of 3 dimensions for input 3; expected 4',
    );
    expect(provider.calls).toHaveLength(2);
    expect((error as DimensionMismatchError).completed?.indices).toEqual([0, 1, 2]);
  });
});

describe('runBatches: retries', () => {
  it('tells onRetry of each failed attempt as it happens, with the wait before the next', async () => {
    const provider = fakeProvider({
      behave: (call, number) => {
        if (number < 2) throw failWith(503);
        return answer(call.inputs, 4);
      },
    });
    const retries: { attempt: number; maxAttempts: number; inputs: number; error: unknown }[] = [];
    await runBatches(options(provider, texts(2), { onRetry: (retry) => retries.push(retry) }));
    expect(
      retries.map(({ attempt, maxAttempts, inputs }) => [attempt, maxAttempts, inputs]),
    ).toEqual([
      [1, 4, 2],
      [2, 4, 2],
    ]);
    expect(ApiCallError.isInstance(retries[0]!.error)).toBe(true);
  });

  it('retries 5xx, 408, 409, 429, resets and timeouts, and reports the retries', async () => {
    const failures = [
      failWith(503),
      failWith(408),
      failWith(409),
      new RateLimitError({ provider: 'fake', message: 'slow down' }),
      new ApiCallError({ provider: 'fake', message: 'socket hang up' }),
    ];
    const provider = fakeProvider({
      behave: (call, number) => {
        if (number < failures.length) throw failures[number];
        return answer(call.inputs, 4);
      },
    });
    const progress: number[] = [];
    const result = await runBatches(
      options(provider, texts(2), {
        retry: { ...quickRetry, maxRetries: 6 },
        onProgress: (update) => progress.push(update.retries),
      }),
    );
    expect(result.vectors).toEqual(texts(2).map((text) => vectorFor(text, 4)));
    expect(result.usage).toMatchObject({ calls: 1, retries: 5, rateLimited: 1 });
    expect(progress).toEqual([5]);
  });

  for (const status of [400, 401, 403, 404, 422]) {
    it(`never retries ${status}`, async () => {
      const error =
        status === 401 || status === 403
          ? new AuthenticationError({ provider: 'fake', status, message: 'bad key' })
          : failWith(status);
      const provider = fakeProvider({
        behave: () => {
          throw error;
        },
      });
      const caught = await runBatches(options(provider, texts(2))).catch(
        (thrown: unknown) => thrown,
      );
      expect(caught).toBe(error);
      expect(provider.calls).toHaveLength(1);
    });
  }

  it('never retries an error that is not one of core’s (a bug in the provider)', async () => {
    const provider = fakeProvider({
      behave: () => {
        throw new TypeError('undefined is not a function');
      },
    });
    await expect(runBatches(options(provider, texts(2)))).rejects.toThrow(TypeError);
    expect(provider.calls).toHaveLength(1);
  });

  it('gives up after maxRetries and throws the last error with what completed', async () => {
    const provider = fakeProvider({
      behave: (call) => {
        if (call.inputs[0] === 'input-3') throw failWith(502);
        return answer(call.inputs, 4);
      },
    });
    const error = await runBatches(options(provider, texts(6), { concurrency: 1 })).catch(
      (caught: unknown) => caught,
    );
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).status).toBe(502);
    expect(provider.calls.filter((call) => call.inputs[0] === 'input-3')).toHaveLength(4);
    expect((error as ApiCallError).completed?.indices).toEqual([0, 1, 2]);
  });

  it('waits as long as Retry-After asks, capped at maxRetryAfterMs', async () => {
    vi.useFakeTimers();
    const waits = [1_000, 3_600_000];
    const provider = fakeProvider({
      behave: (call, number) => {
        if (number < waits.length) {
          throw new RateLimitError({
            provider: 'fake',
            message: 'wait',
            retryAfterMs: waits[number],
          });
        }
        return answer(call.inputs, 4);
      },
    });
    const running = runBatches(
      options(provider, texts(1), {
        retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 5_000 },
      }),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(provider.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(provider.calls).toHaveLength(2);
    // The server asked for an hour; the cap is five seconds.
    await vi.advanceTimersByTimeAsync(4_999);
    expect(provider.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(provider.calls).toHaveLength(3);
    await expect(running).resolves.toMatchObject({ usage: { retries: 2, rateLimited: 2 } });
  });

  it('backs off exponentially with jitter when the server names no wait', async () => {
    vi.useFakeTimers();
    const provider = fakeProvider({
      behave: (call, number) => {
        if (number < 3) throw failWith(500);
        return answer(call.inputs, 4);
      },
    });
    const running = runBatches(
      options(provider, texts(1), {
        retry: { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 10_000, maxRetryAfterMs: 10_000 },
        random: () => 1,
      }),
    );
    // random() = 1 gives the full delay: 100, 200, 400 ms.
    for (const [wait, calls] of [
      [99, 1],
      [1, 2],
      [199, 2],
      [1, 3],
      [399, 3],
      [1, 4],
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(provider.calls).toHaveLength(calls);
    }
    await expect(running).resolves.toBeDefined();
  });

  it('lets other batches use the pool while a retry waits out its backoff', async () => {
    vi.useFakeTimers();
    const provider = fakeProvider({
      behave: (call, number) => {
        if (number === 0) throw failWith(503);
        return answer(call.inputs, 4);
      },
    });
    const running = runBatches(
      options(provider, texts(6), {
        concurrency: 1,
        retry: { maxRetries: 2, baseDelayMs: 10_000, maxDelayMs: 10_000, maxRetryAfterMs: 10_000 },
        random: () => 1,
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    // The second batch went out while the first waits ten seconds.
    expect(provider.calls.map((call) => call.inputs[0])).toEqual(['input-0', 'input-3']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(provider.calls.map((call) => call.inputs[0])).toEqual(['input-0', 'input-3', 'input-0']);
    await expect(running).resolves.toBeDefined();
  });

  it('times out a stalled attempt, aborts its signal and retries it', async () => {
    const provider = fakeProvider({
      behave: (call, number) =>
        number === 0 ? hangUntilAborted(call.signal) : answer(call.inputs, 4),
    });
    const result = await runBatches(options(provider, texts(2), { timeoutMs: 20 }));
    expect(result.usage.retries).toBe(1);
    expect(provider.calls[0]!.signal.aborted).toBe(true);
    expect(TimeoutError.isInstance(provider.calls[0]!.signal.reason)).toBe(true);
  });

  it('reports TimeoutError when every attempt stalls', async () => {
    const provider = fakeProvider({ behave: (call) => hangUntilAborted(call.signal) });
    const error = await runBatches(
      options(provider, texts(1), { timeoutMs: 5, retry: { ...quickRetry, maxRetries: 1 } }),
    ).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(5);
    expect(provider.calls).toHaveLength(2);
  });
});

describe('runBatches: splitting what the server says is too large', () => {
  const tooLarge = () =>
    new BatchTooLargeError({ provider: 'fake', status: 413, message: 'too many tokens' });

  it('splits a refused batch in half until the halves fit', async () => {
    const provider = fakeProvider({
      behave: (call) => {
        if (call.inputs.length > 2) throw tooLarge();
        return answer(call.inputs, 4);
      },
    });
    const inputs = texts(8);
    const result = await runBatches(
      options(provider, inputs, { limits: { ...limits, maxInputsPerCall: 8 } }),
    );
    expect(result.vectors).toEqual(inputs.map((text) => vectorFor(text, 4)));
    expect(result.usage.retries).toBe(0);
    const sent = provider.calls.filter((call) => call.inputs.length <= 2);
    expect(sent.flatMap((call) => call.inputs).sort()).toEqual([...inputs].sort());
  });

  it('names the one input the server still refuses alone, keeping what completed', async () => {
    const provider = fakeProvider({
      behave: (call) => {
        if (call.inputs.includes('input-5')) throw tooLarge();
        return answer(call.inputs, 4);
      },
    });
    const error = await runBatches(
      options(provider, texts(8), { limits: { ...limits, maxInputsPerCall: 8 }, concurrency: 1 }),
    ).catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(5);
    expect((error as Error).message).toContain('Input 5 is too long');
    expect(BatchTooLargeError.isInstance((error as Error).cause)).toBe(true);
    const completed = (error as InvalidInputError).completed!;
    // 0..3 and 4 completed before input 5 was isolated; every completed vector is the right one.
    expect(completed.indices).toEqual(expect.arrayContaining([0, 1, 2, 3, 4]));
    expect(completed.indices).not.toContain(5);
    completed.indices.forEach((index, slot) => {
      expect(completed.vectors[slot]).toEqual(vectorFor(`input-${index}`, 4));
    });
  });

  it('sends an input estimated above maxTokensPerInput alone', async () => {
    const provider = fakeProvider();
    const inputs = ['a', 'b', 'x'.repeat(50), 'c', 'd'];
    await runBatches(
      options(provider, inputs, {
        limits: { ...limits, maxInputsPerCall: 10, maxTokensPerInput: 20 },
        concurrency: 1,
      }),
    );
    expect(provider.calls.map((call) => call.inputs)).toEqual([
      ['a', 'b'],
      ['x'.repeat(50)],
      ['c', 'd'],
    ]);
  });
});

describe('runBatches: atomic groups', () => {
  it('sends each group in exactly one call, never merged with another', async () => {
    const provider = fakeProvider();
    const inputs = texts(7);
    const result = await runBatches(options(provider, inputs, { groups: [2, 1, 3, 1] }));
    expect(provider.calls.map((call) => call.inputs.length).sort()).toEqual([1, 1, 2, 3]);
    expect(provider.calls.every((call) => call.request.atomic)).toBe(true);
    expect(result.vectors).toEqual(inputs.map((text) => vectorFor(text, 4)));
  });

  it('refuses a group larger than one call, and never splits a refused group', async () => {
    const provider = fakeProvider({
      behave: () => {
        throw new BatchTooLargeError({ provider: 'fake', message: 'too many tokens' });
      },
    });
    await expect(runBatches(options(provider, texts(5), { groups: [1, 4] }))).rejects.toMatchObject(
      { code: 'INVALID_INPUT', index: 1 },
    );
    const refused = await runBatches(options(provider, texts(3), { groups: [3] })).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidInputError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toContain('group of inputs 0..2');
    expect(provider.calls.at(-1)!.inputs).toHaveLength(3);
  });
});

describe('runBatches: concurrency', () => {
  it('keeps a sliding pool: a slow call does not hold back the others', async () => {
    const slow = deferred();
    const provider = fakeProvider({
      behave: async (call, number) => {
        if (number === 0) await slow.promise;
        return answer(call.inputs, 4);
      },
    });
    let finished = 0;
    const running = runBatches(
      options(provider, texts(30), {
        concurrency: 3,
        onProgress: (progress) => {
          finished = progress.calls;
          // Every other call completes while the first is still open; waves would deadlock here.
          if (progress.done === 27) slow.resolve();
        },
      }),
    );
    const result = await running;
    expect(finished).toBe(10);
    expect(result.vectors).toHaveLength(30);
    expect(provider.state.maxInFlight).toBe(3);
  });

  it('never has more calls in flight than the concurrency, and one when calls may not overlap', async () => {
    const delayed = fakeProvider({
      behave: async (call) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return answer(call.inputs, 4);
      },
    });
    await runBatches(options(delayed, texts(60), { concurrency: 5 }));
    expect(delayed.state.maxInFlight).toBe(5);
    const serial = fakeProvider({
      behave: async (call) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return answer(call.inputs, 4);
      },
    });
    await runBatches(
      options(serial, texts(30), {
        limits: { ...limits, supportsParallelCalls: false },
        concurrency: 8,
      }),
    );
    expect(serial.state.maxInFlight).toBe(1);
  });

  it('halves the calls in flight after a 429 and grows back as calls succeed', async () => {
    vi.useFakeTimers();
    const held = Array.from({ length: 13 }, () => deferred());
    const provider = fakeProvider({
      behave: async (call, number) => {
        if (number === 0) throw new RateLimitError({ provider: 'fake', message: 'slow down' });
        await held[number]!.promise;
        return answer(call.inputs, 4);
      },
    });
    const running = runBatches(
      options(provider, texts(12), {
        limits: { ...limits, maxInputsPerCall: 1 },
        concurrency: 4,
        retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
      }),
    );
    await vi.advanceTimersByTimeAsync(10);
    // Four started; the 429 cut the bound to two while three are still in flight.
    expect(provider.calls).toHaveLength(4);
    held[1]!.resolve();
    await vi.advanceTimersByTimeAsync(10);
    expect(provider.calls).toHaveLength(4);
    held[2]!.resolve();
    await vi.advanceTimersByTimeAsync(10);
    // Two successes at a bound of two raise it to three: with one in flight, two more start.
    expect(provider.calls).toHaveLength(6);
    expect(provider.calls.slice(4).map((call) => call.inputs[0])).toEqual(['input-0', 'input-4']);
    for (const call of held) call.resolve();
    await expect(running).resolves.toMatchObject({ usage: { rateLimited: 1, calls: 12 } });
    expect(provider.state.maxInFlight).toBe(4);
  });

  it('pauses new calls while a 429 wait runs, then carries on', async () => {
    vi.useFakeTimers();
    const provider = fakeProvider({
      behave: async (call, number) => {
        if (number === 0) {
          throw new RateLimitError({ provider: 'fake', message: 'wait', retryAfterMs: 500 });
        }
        return answer(call.inputs, 4);
      },
    });
    const running = runBatches(
      options(provider, texts(30), {
        concurrency: 1,
        retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1_000 },
      }),
    );
    await vi.advanceTimersByTimeAsync(499);
    expect(provider.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(running).resolves.toMatchObject({ usage: { rateLimited: 1 } });
  });
});

describe('runBatches: abort and failure', () => {
  it('refuses to start when the signal is already aborted', async () => {
    const provider = fakeProvider();
    const controller = new AbortController();
    controller.abort();
    await expect(
      runBatches(options(provider, texts(3), { signal: controller.signal })),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(provider.calls).toHaveLength(0);
  });

  it('cancels every in-flight call at once and keeps what completed', async () => {
    const controller = new AbortController();
    const provider = fakeProvider({
      behave: (call, number) =>
        number === 0 ? answer(call.inputs, 4) : hangUntilAborted(call.signal),
    });
    const running = runBatches(
      options(provider, texts(12), {
        signal: controller.signal,
        onProgress: () => setTimeout(() => controller.abort(new Error('user stopped')), 1),
      }),
    );
    const error = await running.catch((caught: unknown) => caught);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(((error as Error).cause as Error).message).toBe('user stopped');
    expect((error as AbortError).completed?.indices).toEqual([0, 1, 2]);
    expect(provider.calls.length).toBeGreaterThan(1);
    expect(provider.calls.every((call, index) => index === 0 || call.signal.aborted)).toBe(true);
  });

  it('returns promptly on abort even when the provider ignores the signal', async () => {
    const controller = new AbortController();
    const late = deferred<never>();
    const provider = fakeProvider({ behave: () => late.promise });
    const running = runBatches(options(provider, texts(3), { signal: controller.signal }));
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'ABORTED' });
    // A rejection after the run ended must not surface as an unhandled rejection.
    late.reject(new Error('too late'));
    await new Promise((resolve) => setTimeout(resolve, 5));
  });

  it('stops waiting for a retry when aborted during the backoff', async () => {
    const controller = new AbortController();
    const provider = fakeProvider({
      behave: () => {
        setTimeout(() => controller.abort(), 1);
        throw failWith(503);
      },
    });
    const error = await runBatches(
      options(provider, texts(1), {
        signal: controller.signal,
        retry: { maxRetries: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, maxRetryAfterMs: 60_000 },
      }),
    ).catch((caught: unknown) => caught);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(provider.calls).toHaveLength(1);
  });

  it('cancels the other in-flight calls when one batch fails for good', async () => {
    const provider = fakeProvider({
      behave: (call, number) => {
        if (number === 2) {
          return new Promise((_, reject) => setTimeout(() => reject(failWith(400)), 1));
        }
        return hangUntilAborted(call.signal);
      },
    });
    const error = await runBatches(options(provider, texts(9))).catch((caught: unknown) => caught);
    expect((error as ApiCallError).status).toBe(400);
    expect(provider.calls).toHaveLength(3);
    expect(provider.calls.map((call) => call.signal.aborted)).toEqual([true, true, false]);
  });
});

describe('runBatches: progress and usage', () => {
  it('reports monotonic progress and the provider’s token counts, estimating when it gives none', async () => {
    const provider = fakeProvider({
      behave: (call, number) => answer(call.inputs, 4, number % 2 === 0 ? 100 : undefined),
    });
    const seen: { done: number; tokens: number; calls: number }[] = [];
    const inputs = texts(9);
    const result = await runBatches(
      options(provider, inputs, {
        concurrency: 1,
        onProgress: ({ done, tokens, calls, total }) => {
          expect(total).toBe(9);
          seen.push({ done, tokens, calls });
        },
      }),
    );
    expect(seen.map((entry) => entry.done)).toEqual([3, 6, 9]);
    expect(seen.map((entry) => entry.calls)).toEqual([1, 2, 3]);
    const estimated = inputs.slice(3, 6).reduce((sum, text) => sum + text.length, 0);
    expect(result.usage.tokens).toBe(200 + estimated);
    expect(seen.at(-1)!.tokens).toBe(result.usage.tokens);
  });

  it('keeps progress monotonic through splits and retries', async () => {
    const provider = fakeProvider({
      behave: (call, number) => {
        if (call.inputs.length > 2) {
          throw new BatchTooLargeError({ provider: 'fake', message: 'too many tokens' });
        }
        if (number % 3 === 1) throw failWith(503);
        return answer(call.inputs, 4);
      },
    });
    const done: number[] = [];
    await runBatches(
      options(provider, texts(20), {
        limits: { ...limits, maxInputsPerCall: 8 },
        retry: { ...quickRetry, maxRetries: 10 },
        onProgress: (progress) => done.push(progress.done),
      }),
    );
    expect(done).toEqual([...done].sort((left, right) => left - right));
    expect(done.at(-1)).toBe(20);
  });
});
