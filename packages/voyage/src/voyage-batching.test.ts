import { estimateTokens, planBatches } from '@embedkit/core';
import { countTokens, simulatedVoyageModels, validateVoyageRequest } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { texts, useVoyageSimulator, voyageAt } from './voyage.test-helpers.js';
import { createVoyage } from './voyage-embedding.js';
import { voyageModelSpec, voyageModels } from './voyage-models.js';
import { buildVoyageBody } from './voyage-request-body.js';
import { voyageSettings } from './voyage-settings.js';

const simulator = useVoyageSimulator();
beforeEach(() => simulator.current.resetStats());
const sizes = () =>
  simulator.current.embeddingBodies().map((body) => (body.input as string[]).length);

describe('voyage batching within the per-model caps', () => {
  it('puts each model’s published caps in its limits', () => {
    const caps = Object.fromEntries(
      Object.keys(voyageModels).map((model) => [
        model,
        createVoyage({ model }).limits.maxTokensPerCall,
      ]),
    );
    expect(caps).toEqual({
      'voyage-4-large': 120_000,
      'voyage-4': 320_000,
      'voyage-4-lite': 1_000_000,
      'voyage-3-large': 120_000,
      'voyage-3.5': 320_000,
      'voyage-3.5-lite': 1_000_000,
      'voyage-code-3': 120_000,
      'voyage-finance-2': 120_000,
      'voyage-law-2': 120_000,
    });
    expect(createVoyage().limits.maxInputsPerCall).toBe(1000);
  });

  it('no call of 1 to 5,000 inputs plans a request the service refuses (every size, every model)', () => {
    // Every seventh text is long (about 700 tokens), so the token caps bind as well as the count.
    const all = Array.from({ length: 5000 }, (_, index) =>
      index % 7 === 0 ? `${index} ${'paragraph text '.repeat(350)}` : `short text number ${index}`,
    );
    const counts = all.map((text) => estimateTokens(text));
    for (const model of Object.keys(simulatedVoyageModels)) {
      const embedding = createVoyage({ model });
      const settings = voyageSettings.parse({ model });
      // A batch the service accepts stays accepted without its tail (fewer inputs, fewer tokens),
      // so for each planned start it is enough to check the longest batch planned from it.
      const longest = new Map<number, number>();
      for (let size = 1; size <= 5000; size++) {
        for (const batch of planBatches(counts.slice(0, size), embedding.limits)) {
          longest.set(batch.start, Math.max(longest.get(batch.start) ?? 0, batch.end));
        }
      }
      const full = planBatches(counts, embedding.limits).slice(0, -1);
      if (embedding.limits.maxTokensPerCall === 120_000) {
        // The token cap, not the 1,000-input cap, ends these batches.
        expect(full.every((batch) => batch.end - batch.start < 1000)).toBe(true);
      }
      expect(Math.max(...full.map((batch) => batch.tokens))).toBeLessThanOrEqual(
        embedding.limits.maxTokensPerCall!,
      );
      for (const [start, end] of longest) {
        const body = buildVoyageBody({
          settings,
          spec: voyageModelSpec(model),
          inputs: all.slice(start, end),
          purpose: 'document',
          dtype: 'float',
        });
        const verdict = validateVoyageRequest(body, simulatedVoyageModels);
        if ('reply' in verdict)
          throw new Error(`${model}, inputs ${start}-${end}: ${JSON.stringify(verdict.reply)}`);
      }
    }
  });

  it('and over HTTP: sizes around every multiple of 1,000 up to 5,000, none refused in the log', async () => {
    const embedding = voyageAt(simulator.current, {
      model: 'voyage-3.5-lite',
      dimensions: 256,
      concurrency: 8,
    });
    const pool = texts(5000);
    let expected = 0;
    for (const size of [
      1, 2, 999, 1000, 1001, 1999, 2000, 2001, 2999, 3001, 3999, 4001, 4999, 5000,
    ]) {
      expect(await embedding.encodeDocuments(pool.slice(0, size))).toHaveLength(size);
      expected += Math.ceil(size / 1000);
    }
    const statuses = simulator.current.log.map((entry) => entry.status);
    expect(statuses).toHaveLength(expected);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(Math.max(...sizes())).toBe(1000);
  });

  it('splits under the model’s token cap (120K for voyage-code-3), keeping order', async () => {
    const long = Array.from({ length: 30 }, (_, index) => `${index} ${'word '.repeat(9999)}`);
    expect(countTokens(long[0]!)).toBe(10_000);
    const vectors = await voyageAt(simulator.current, { model: 'voyage-code-3' }).encodeDocuments(
      long,
    );
    expect(simulator.current.log.every((entry) => entry.status === 200)).toBe(true);
    for (const size of sizes()) expect(size * 10_000).toBeLessThanOrEqual(120_000);
    expect(Array.from(vectors[29]!)).toEqual(
      Array.from(simulator.current.expectedVector(long[29]!, 'voyage-code-3', 'document')),
    );
  });

  it('halves a batch the service still refuses as too many tokens, then succeeds', async () => {
    const { startVoyageSimulator } = await import('@embedkit/testing');
    const strict = await startVoyageSimulator({
      models: {
        'voyage-3.5': { ...simulatedVoyageModels['voyage-3.5']!, maxTokensPerRequest: 30_000 },
      },
    });
    try {
      const inputs = Array.from({ length: 8 }, (_, index) => `${index} ${'word '.repeat(4999)}`);
      const vectors = await voyageAt(strict).encodeDocuments(inputs);
      expect(vectors).toHaveLength(8);
      expect(
        strict.log.map((entry) => [entry.status, (entry.body as { input: string[] }).input.length]),
      ).toEqual([
        [400, 8],
        [200, 4],
        [200, 4],
      ]);
    } finally {
      await strict.close();
    }
  });
});
