import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error.js';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { BatchLimits } from './batch-limits.js';
import type { BatchResponse, EmbedBatch } from './embed-batch.js';
import { answer, hangUntilAborted, vectorFor } from './fake-provider.test-helpers.js';
import { runBatches } from './run-batches.js';
import { sleep } from './sleep.js';

/** mulberry32: a tiny seeded PRNG, so every failure below can be replayed from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let value = 2166136261;
  for (let position = 0; position < text.length; position++) {
    value = Math.imul(value ^ text.charCodeAt(position), 16777619) >>> 0;
  }
  return value;
}

type Outcome = 'ok' | '429' | '503' | 'reset' | 'timeout' | 'garbled' | 'too-large' | '400';
const retryable = new Set<Outcome>(['429', '503', 'reset', 'timeout', 'garbled']);

interface Scenario {
  inputs: string[];
  limits: BatchLimits;
  bound: number;
  failureRate: number;
  serverTokenLimit: number;
  poison: string | undefined;
}

const estimate = (text: string) => Math.ceil(text.length / 4) + 1;

function scenario(seed: number): Scenario {
  const random = prng(seed);
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const count = integer(0, 250);
  const inputs = Array.from(
    { length: count },
    (_, index) => `w${index}-${'x'.repeat(integer(0, 40))}`,
  );
  const parallel = random() < 0.85;
  const concurrency = integer(1, 8);
  const limits: BatchLimits = {
    maxInputsPerCall: integer(1, 40),
    maxTokensPerCall: random() < 0.6 ? integer(15, 150) : undefined,
    supportsParallelCalls: parallel,
    concurrency,
  };
  return {
    inputs,
    limits,
    bound: parallel ? concurrency : 1,
    failureRate: random() * 0.35,
    // Sometimes the server counts tokens more strictly than the client's estimate.
    serverTokenLimit: random() < 0.3 ? integer(10, 60) : Number.POSITIVE_INFINITY,
    poison: count > 0 && random() < 0.2 ? inputs[integer(0, count - 1)] : undefined,
  };
}

function simulate(seed: number, world: Scenario) {
  const dim = 3;
  const attemptsByKey = new Map<string, number>();
  const lastOutcome = new Map<string, Outcome>();
  const violations: string[] = [];
  const state = { inFlight: 0, maxInFlight: 0, retryableFailures: 0, rateLimited: 0 };

  const decide = (inputs: readonly string[], key: string): Outcome => {
    if (world.poison !== undefined && inputs.includes(world.poison)) return '400';
    const tokens = inputs.reduce((sum, text) => sum + estimate(text), 0);
    if (inputs.length > 1 && tokens > world.serverTokenLimit) return 'too-large';
    const attempt = attemptsByKey.get(key) ?? 0;
    const random = prng(hash(`${seed}|${key}|${attempt}`));
    if (random() >= world.failureRate) return 'ok';
    const kinds: Outcome[] = ['429', '503', 'reset', 'timeout', 'garbled'];
    return kinds[Math.floor(random() * kinds.length)]!;
  };

  const embedBatch: EmbedBatch<string> = async ({ inputs, signal }) => {
    const key = inputs.join('\u0001');
    const previous = lastOutcome.get(key);
    if (previous !== undefined && !retryable.has(previous)) {
      violations.push(`re-sent a batch after a non-retryable ${previous}`);
    }
    if (inputs.length > world.limits.maxInputsPerCall) {
      violations.push(`call of ${inputs.length} inputs`);
    }
    const tokens = inputs.reduce((sum, text) => sum + estimate(text), 0);
    if (inputs.length > 1 && tokens > (world.limits.maxTokensPerCall ?? Number.POSITIVE_INFINITY)) {
      violations.push(`call of ${tokens} estimated tokens`);
    }
    const outcome = decide(inputs, key);
    attemptsByKey.set(key, (attemptsByKey.get(key) ?? 0) + 1);
    if (retryable.has(outcome)) state.retryableFailures++;
    if (outcome === '429') state.rateLimited++;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      // Latency that ends on abort, as a real HTTP call does when its connection is closed.
      const latency = hash(key) % 4;
      if (latency > 0) await sleep(latency, signal);
      return await respond(outcome, inputs, signal);
    } finally {
      state.inFlight--;
      // On a loaded machine an answer meant to succeed can miss the per-attempt timeout; that
      // is a real (retryable) timeout, so it is what the runner saw.
      const timedOut = signal.aborted && TimeoutError.isInstance(signal.reason);
      if (timedOut && !retryable.has(outcome)) state.retryableFailures++;
      lastOutcome.set(key, timedOut ? 'timeout' : outcome);
    }
  };

  const respond = (
    outcome: Outcome,
    inputs: readonly string[],
    signal: AbortSignal,
  ): BatchResponse | Promise<BatchResponse> => {
    const common = { provider: 'sim', message: `simulated ${outcome}` };
    switch (outcome) {
      case 'ok':
        return answer(inputs, dim, inputs.length);
      case '429':
        throw new RateLimitError({ ...common, retryAfterMs: inputs.length % 3 });
      case '503':
        throw new ApiCallError({ ...common, status: 503 });
      case 'reset':
        throw new ApiCallError({
          ...common,
          cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
        });
      case 'timeout':
        return hangUntilAborted(signal);
      case 'garbled':
        return { embeddings: answer(inputs, dim).embeddings.slice(1) };
      case 'too-large':
        throw new BatchTooLargeError({ ...common, status: 413 });
      case '400':
        throw new ApiCallError({ ...common, status: 400 });
    }
  };

  return { embedBatch, violations, state, dim };
}

describe('runBatches under random limits, latencies and faults', () => {
  const runs = 60;
  it(`matches the fault-free output and keeps every bound (${runs} seeded scenarios)`, async () => {
    for (let run = 0; run < runs; run++) {
      const seed = 0x5eed + run;
      const world = scenario(seed);
      const simulation = simulate(seed, world);
      const expected = world.inputs.map((text) => vectorFor(text, simulation.dim));
      const outcome = await runBatches({
        inputs: world.inputs,
        embedBatch: simulation.embedBatch,
        limits: world.limits,
        provider: 'sim',
        dim: simulation.dim,
        purpose: 'document',
        estimateTokens: estimate,
        retry: { maxRetries: 40, baseDelayMs: 1, maxDelayMs: 3, maxRetryAfterMs: 3 },
        timeoutMs: 25,
        random: prng(seed),
      }).then(
        (result) => ({ result, error: undefined }),
        (error: unknown) => ({ result: undefined, error }),
      );
      const context = `seed ${seed}`;
      expect(simulation.violations, context).toEqual([]);
      expect(simulation.state.maxInFlight, context).toBeLessThanOrEqual(world.bound);
      if (world.poison === undefined) {
        expect(outcome.error, context).toBeUndefined();
        expect(outcome.result!.vectors, context).toEqual(expected);
        expect(outcome.result!.usage.retries, context).toBe(simulation.state.retryableFailures);
        expect(outcome.result!.usage.rateLimited, context).toBe(simulation.state.rateLimited);
      } else {
        const error = outcome.error as ApiCallError;
        expect(EmbedkitError.isInstance(error), context).toBe(true);
        expect(error.status, context).toBe(400);
        const poisonIndex = world.inputs.indexOf(world.poison);
        expect(error.completed!.indices, context).not.toContain(poisonIndex);
        error.completed!.indices.forEach((index, slot) => {
          expect(error.completed!.vectors[slot], context).toEqual(expected[index]);
        });
      }
    }
  });
});
