import { startGeminiSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { geminiAt } from './simulator.test-helpers.js';

/**
 * Every size up to 250; each side of every multiple of 100 up to 1,000 and of every thousand up
 * to 5,000; and 20 more drawn with a fixed seed from 251–5,000. Batch planning depends on the
 * count only through the 100-input cap, so this covers every remainder and the largest runs.
 */
function sizes(): number[] {
  const chosen = new Set<number>();
  for (let size = 1; size <= 250; size++) chosen.add(size);
  const around = (center: number) =>
    [center - 1, center, center + 1].filter((size) => size <= 5000);
  for (let hundred = 300; hundred <= 1000; hundred += 100)
    for (const size of around(hundred)) chosen.add(size);
  for (let thousand = 2000; thousand <= 5000; thousand += 1000)
    for (const size of around(thousand)) chosen.add(size);
  let seed = 7;
  for (let draw = 0; draw < 20; draw++) {
    seed = (seed * 48271) % 2147483647;
    chosen.add(251 + (seed % 4750));
  }
  return [...chosen].sort((left, right) => left - right);
}

describe('gemini batching: no input count from 1 to 5,000 produces a refused request', () => {
  it('every request stays within 100 inputs and 2048 tokens per input, and every answer is 200', {
    timeout: 90_000,
  }, async () => {
    const simulator = await startGeminiSimulator({ latency: { fixedMs: 0 } });
    try {
      // text-embedding-004 at 8 dimensions has the same caps as gemini-embedding-001 and keeps
      // the answers small. Texts vary from one word to about 1,900 tokens.
      const gemini = geminiAt(simulator, {
        model: 'text-embedding-004',
        dimensions: 8,
        concurrency: 8,
      });
      const long = 'retrieval '.repeat(600);
      const text = (index: number) => (index % 499 === 0 ? `${long}${index}` : `passage ${index}`);
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
