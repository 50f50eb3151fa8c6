import { estimateTokens, planBatches } from '@embedkit/core';
import {
  countTokens,
  simulatedMistralLimits,
  simulatedMistralModels,
  startMistralSimulator,
} from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { mistralAt } from './simulator.test-helpers.js';

/**
 * Sizes sent over HTTP: every size up to 130; each side of the first three multiples of 512;
 * 4,999 and 5,000; and 3 more drawn with a fixed seed. (Every size from 1 to 5,000 is checked
 * against the simulator's own validator below, without HTTP.)
 */
function sizes(): number[] {
  const chosen = new Set<number>();
  for (let size = 1; size <= 130; size++) chosen.add(size);
  for (const center of [512, 1024, 1536])
    for (const size of [center - 1, center, center + 1]) chosen.add(size);
  for (const size of [4999, 5000]) chosen.add(size);
  let seed = 11;
  for (let draw = 0; draw < 3; draw++) {
    seed = (seed * 48271) % 2147483647;
    chosen.add(131 + (seed % 4869));
  }
  return [...chosen].sort((left, right) => left - right);
}

/** Texts from a few tokens to ~1,600, clustered so the 16,384-token cap binds in some batches. */
const text = (index: number) =>
  index % 1000 < 24
    ? `function body ${index} ${'a'.repeat(200 + (index % 13) * 480)}`
    : `snippet ${index}`;

describe('mistral batching: no input count from 1 to 5,000 produces a refused request', () => {
  it('every request stays within 512 inputs and 16,384 tokens, and every answer is 200', {
    timeout: 90_000,
  }, async () => {
    const simulator = await startMistralSimulator();
    try {
      // Lengths vary from a few tokens to ~1,600, so both the input cap and the token cap bind
      // (long single words: many tokens, few features for the simulator to hash).
      const mistral = mistralAt(simulator, {
        model: 'codestral-embed',
        dimensions: 8,
        concurrency: 8,
      });
      const text = (index: number) =>
        index % 7 === 0
          ? `function body ${index} ${'a'.repeat(200 + (index % 13) * 480)}`
          : `snippet ${index}`;
      for (const size of sizes()) {
        const vectors = await mistral.encodeDocuments(
          Array.from({ length: size }, (_, index) => text(index)),
        );
        expect(vectors).toHaveLength(size);
      }
      const refused = simulator.calls.filter((call) => call.status !== 200);
      expect(refused).toEqual([]);
      expect(Math.max(...simulator.calls.map((call) => call.inputs))).toBeLessThanOrEqual(512);
      expect(Math.max(...simulator.calls.map((call) => call.tokens ?? 0))).toBeLessThanOrEqual(
        16_384,
      );
      // The token cap was what cut some batches (not only the input cap).
      expect(simulator.calls.some((call) => call.inputs < 512 && (call.tokens ?? 0) > 8000)).toBe(
        true,
      );
    } finally {
      await simulator.close();
    }
  });

  it('every size from 1 to 5,000: each planned request is within the caps, counted with the simulator’s tokenizer', () => {
    // The runner plans with exactly this (planBatches over the function's limits and estimates);
    // the HTTP run above checks the same plan end to end on a sample of the sizes.
    const mistral = mistralAt({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'unused' } as never, {
      model: 'codestral-embed',
      dimensions: 8,
    });
    const texts = Array.from({ length: 5000 }, (_, index) => text(index));
    const estimates = texts.map((input) => estimateTokens(input));
    const counted = [0];
    for (const input of texts) counted.push(counted.at(-1)! + countTokens(input));
    const model = simulatedMistralModels['codestral-embed']!;
    expect(Math.max(...texts.map(countTokens))).toBeLessThanOrEqual(model.maxTokensPerInput);
    let requests = 0;
    for (let size = 1; size <= 5000; size++) {
      for (const batch of planBatches(estimates.slice(0, size), mistral.limits)) {
        requests++;
        expect(batch.end - batch.start).toBeLessThanOrEqual(
          simulatedMistralLimits.maxInputsPerRequest,
        );
        expect(counted[batch.end]! - counted[batch.start]!).toBeLessThanOrEqual(
          simulatedMistralLimits.maxTokensPerRequest,
        );
      }
    }
    expect(requests).toBeGreaterThan(5000);
  });

  it('a "Too many tokens overall" refusal halves the batch instead of failing', async () => {
    const simulator = await startMistralSimulator({ requestLimits: { maxTokensPerRequest: 2000 } });
    try {
      const inputs = Array.from(
        { length: 40 },
        (_, index) => `item ${index} ${'word '.repeat(200)}`,
      );
      const vectors = await mistralAt(simulator).encodeDocuments(inputs);
      expect(vectors).toHaveLength(40);
      expect(simulator.calls.find((call) => call.status === 400)?.inputs).toBeGreaterThan(10);
      expect(
        simulator.calls
          .filter((call) => call.status === 200)
          .every((call) => (call.tokens ?? 0) <= 2000),
      ).toBe(true);
    } finally {
      await simulator.close();
    }
  });
});
