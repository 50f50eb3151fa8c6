import { estimateTokens, planBatches } from '@embedkit/core';
import { countTokens, simulatedCohereModels, validateCohereRequest } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { cohereAt, texts, useCohereSimulator } from './cohere.test-helpers.js';
import { createCohere } from './cohere-embedding.js';
import { cohereModelSpec } from './cohere-models.js';
import { buildCohereBody } from './cohere-request-body.js';
import { cohereSettings } from './cohere-settings.js';

const simulator = useCohereSimulator();
beforeEach(() => simulator.current.resetStats());
const sizes = () => simulator.current.embedBodies().map((body) => (body.texts as string[]).length);

describe('cohere batching within the per-request caps', () => {
  it('no call of 1 to 5,000 inputs plans a request the service refuses (every size, every model)', () => {
    // For embed-v4.0 every third text is long (about 4,000 estimated tokens), so its 128,000-token
    // cap binds as well as the 96-input cap; the v3 models cut inputs at 512 tokens themselves.
    const short = (index: number) => `a reasonably ordinary sentence ${index}`;
    const pools = {
      long: Array.from({ length: 5000 }, (_, index) =>
        index % 3 === 0 ? `${index} ${'paragraph text '.repeat(800)}` : short(index),
      ),
      short: Array.from({ length: 5000 }, (_, index) => short(index)),
    };
    for (const model of Object.keys(simulatedCohereModels)) {
      const all = model === 'embed-v4.0' ? pools.long : pools.short;
      const counts = all.map((text) => estimateTokens(text));
      const embedding = createCohere({ model });
      const settings = cohereSettings.parse({ model });
      // A batch the service accepts stays accepted without its tail (fewer inputs, fewer tokens),
      // so for each planned start it is enough to check the longest batch planned from it.
      const longest = new Map<number, number>();
      for (let size = 1; size <= 5000; size++) {
        for (const batch of planBatches(counts.slice(0, size), embedding.limits)) {
          longest.set(batch.start, Math.max(longest.get(batch.start) ?? 0, batch.end));
        }
      }
      if (model === 'embed-v4.0') {
        // The token cap, not the input cap, ends most of these batches.
        const full = planBatches(counts, embedding.limits).slice(0, -1);
        expect(full.every((batch) => batch.end - batch.start < 96)).toBe(true);
        expect(Math.max(...full.map((batch) => batch.tokens))).toBeLessThanOrEqual(128_000);
      }
      for (const [start, end] of longest) {
        const body = buildCohereBody({
          settings,
          spec: cohereModelSpec(model),
          inputs: all.slice(start, end),
          purpose: 'document',
          output: 'base64',
        });
        const verdict = validateCohereRequest(body, simulatedCohereModels);
        if ('reply' in verdict)
          throw new Error(`${model}, inputs ${start}-${end}: ${JSON.stringify(verdict.reply)}`);
      }
    }
  });

  it('and over HTTP: every remainder of 96 and the boundaries up to 5,000, none refused in the log', async () => {
    const embedding = cohereAt(simulator.current, {
      model: 'embed-english-light-v3.0',
      concurrency: 8,
    });
    const counts = new Set<number>();
    for (let size = 1; size <= 97; size++) counts.add(size);
    for (let multiple = 96; multiple <= 5000; multiple += 96 * 7) {
      for (const size of [multiple - 1, multiple, multiple + 1]) counts.add(size);
    }
    counts.add(5000);
    const pool = texts(5000);
    let expected = 0;
    for (const size of counts) {
      const vectors = await embedding.encodeDocuments(pool.slice(0, size));
      expect(vectors).toHaveLength(size);
      expected += Math.ceil(size / 96);
    }
    const statuses = simulator.current.log.map((entry) => entry.status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(statuses).toHaveLength(expected);
    expect(Math.max(...sizes())).toBe(96);
  });

  it('splits embed-v4.0 calls under 128,000 tokens a request, and keeps order', async () => {
    const long = Array.from({ length: 40 }, (_, index) => `${index} ${'word '.repeat(5999)}`);
    expect(countTokens(long[0]!)).toBe(6000);
    const embedding = cohereAt(simulator.current, { dimensions: 256 });
    const vectors = await embedding.encodeDocuments(long);
    expect(simulator.current.log.every((entry) => entry.status === 200)).toBe(true);
    expect(sizes().length).toBeGreaterThanOrEqual(2);
    for (const size of sizes()) expect(size * 6000).toBeLessThanOrEqual(128_000);
    expect(Array.from(vectors[39]!)).toEqual(
      Array.from(simulator.current.expectedVector(long[39]!, 'embed-v4.0', 'search_document', 256)),
    );
  });
});
