import { estimateTokens, planBatches } from '@embedkit/core';
import { simulatedNomicMaxTexts, startNomicSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { nomicAt } from './simulator.test-helpers.js';

/**
 * Sizes sent over HTTP: every size up to 130; each side of 250 and 1,000; 4,999 and 5,000; and
 * 3 more drawn with a fixed seed. (Every size from 1 to 5,000 is checked against the
 * simulator's cap below, without HTTP.)
 */
function sizes(): number[] {
  const chosen = new Set<number>();
  for (let size = 1; size <= 130; size++) chosen.add(size);
  for (const center of [250, 1000])
    for (const size of [center - 1, center, center + 1]) chosen.add(size);
  for (const size of [4999, 5000]) chosen.add(size);
  let seed = 5;
  for (let draw = 0; draw < 3; draw++) {
    seed = (seed * 48271) % 2147483647;
    chosen.add(131 + (seed % 4869));
  }
  return [...chosen].sort((left, right) => left - right);
}

/** Mostly short texts, with one past the 8192-token context now and then (cut, not refused). */
const long = Array.from({ length: 4500 }, (_, index) => `w${index}`).join(' ');
const text = (index: number) => (index % 997 === 996 ? `${long} ${index}` : `passage ${index}`);

describe('nomic batching: no input count from 1 to 5,000 produces a refused request', () => {
  it('every request holds at most 50 texts, and every answer is 200', {
    timeout: 90_000,
  }, async () => {
    const simulator = await startNomicSimulator();
    try {
      const nomic = nomicAt(simulator, { dimensions: 64, concurrency: 8 });
      let expected = 0;
      for (const size of sizes()) {
        const vectors = await nomic.encodeDocuments(
          Array.from({ length: size }, (_, index) => text(index)),
        );
        expect(vectors).toHaveLength(size);
        expected += Math.ceil(size / 50);
      }
      expect(simulator.calls.filter((call) => call.status !== 200)).toEqual([]);
      expect(Math.max(...simulator.calls.map((call) => call.texts))).toBe(50);
      expect(simulator.calls.length).toBe(expected);
    } finally {
      await simulator.close();
    }
  });

  it('every size from 1 to 5,000: each planned request is within the simulator’s cap', () => {
    // The runner plans with exactly this (planBatches over the function's limits and estimates).
    const nomic = nomicAt({ baseURL: 'http://127.0.0.1:9', apiKey: 'unused' } as never);
    const estimates = Array.from({ length: 5000 }, (_, index) => estimateTokens(text(index)));
    let requests = 0;
    for (let size = 1; size <= 5000; size++) {
      for (const batch of planBatches(estimates.slice(0, size), nomic.limits)) {
        requests++;
        expect(batch.end - batch.start).toBeLessThanOrEqual(simulatedNomicMaxTexts);
      }
    }
    expect(requests).toBe(
      Array.from({ length: 5000 }, (_, index) => Math.ceil((index + 1) / 50)).reduce(
        (sum, count) => sum + count,
        0,
      ),
    );
  });
});
