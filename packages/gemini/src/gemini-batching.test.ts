import { planBatches } from '@embedkit/core';
import {
  countTokens,
  simulatedGeminiMaxRequests,
  simulatedGeminiModels,
  startGeminiSimulator,
} from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from './gemini-input.js';
import { geminiAt } from './simulator.test-helpers.js';

/**
 * Sizes sent over HTTP: every size up to 130; each side of 200, 300 and 1,000; 4,999 and 5,000;
 * and 3 more drawn with a fixed seed. (Every size from 1 to 5,000 is checked against the
 * simulator's caps and tokenizer below, without HTTP.)
 */
function sizes(): number[] {
  const chosen = new Set<number>();
  for (let size = 1; size <= 130; size++) chosen.add(size);
  for (const center of [200, 300, 1000])
    for (const size of [center - 1, center, center + 1]) chosen.add(size);
  for (const size of [4999, 5000]) chosen.add(size);
  let seed = 7;
  for (let draw = 0; draw < 3; draw++) {
    seed = (seed * 48271) % 2147483647;
    chosen.add(131 + (seed % 4869));
  }
  return [...chosen].sort((left, right) => left - right);
}

/** Texts from one word to about 1,800 tokens. */
const long = 'retrieval '.repeat(600);
const text = (index: number) => (index % 499 === 498 ? `${long}${index}` : `passage ${index}`);

describe('gemini batching: no input count from 1 to 5,000 produces a refused request', () => {
  it('every request stays within 100 inputs and 2048 tokens per input, and every answer is 200', {
    timeout: 90_000,
  }, async () => {
    const simulator = await startGeminiSimulator({ latency: { fixedMs: 0 } });
    try {
      // text-embedding-004 at 8 dimensions has the same caps as gemini-embedding-001 and keeps
      // the answers small.
      const gemini = geminiAt(simulator, {
        model: 'text-embedding-004',
        dimensions: 8,
        concurrency: 8,
      });
      let expected = 0;
      for (const size of sizes()) {
        const vectors = await gemini.encodeDocuments(
          Array.from({ length: size }, (_, index) => text(index)),
        );
        expect(vectors).toHaveLength(size);
        expected += Math.ceil(size / 100);
      }
      expect(simulator.calls.every((call) => call.status === 200)).toBe(true);
      expect(Math.max(...simulator.calls.map((call) => call.requests))).toBe(100);
      expect(simulator.calls.length).toBe(expected);
    } finally {
      await simulator.close();
    }
  });

  it('every size from 1 to 5,000: each planned request is within the caps, counted with the simulator’s tokenizer', () => {
    // The runner plans with exactly this (planBatches over the function's limits and estimates).
    const gemini = geminiAt({ baseURL: 'http://127.0.0.1:9/v1beta', apiKey: 'unused' } as never, {
      dimensions: 128,
    });
    const texts = Array.from({ length: 5000 }, (_, index) => text(index));
    const estimates = texts.map((input) => estimateInputTokens(input));
    const model = simulatedGeminiModels['gemini-embedding-001']!;
    expect(Math.max(...texts.map(countTokens))).toBeLessThanOrEqual(model.maxTokensPerInput);
    let requests = 0;
    for (let size = 1; size <= 5000; size++) {
      for (const batch of planBatches(estimates.slice(0, size), gemini.limits)) {
        requests++;
        expect(batch.end - batch.start).toBeLessThanOrEqual(simulatedGeminiMaxRequests);
      }
    }
    expect(requests).toBe(
      Array.from({ length: 5000 }, (_, index) => Math.ceil((index + 1) / 100)).reduce(
        (sum, count) => sum + count,
        0,
      ),
    );
  });

  it('a server with a lower cap is met by halving the batch, not by failing', async () => {
    const simulator = await startGeminiSimulator({ maxRequestsPerBatch: 30 });
    try {
      const vectors = await geminiAt(simulator, { dimensions: 128 }).encodeDocuments(
        Array.from({ length: 100 }, (_, index) => `t ${index}`),
      );
      expect(vectors).toHaveLength(100);
      expect(
        simulator.calls.filter((call) => call.status === 200).every((call) => call.requests <= 30),
      ).toBe(true);
      expect(simulator.calls.find((call) => call.status === 400)?.requests).toBe(100);
    } finally {
      await simulator.close();
    }
  });
});
