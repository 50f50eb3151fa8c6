import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { BatchLimits } from './batch-limits.js';
import { planBatches } from './plan-batches.js';

const limits = (overrides: Partial<BatchLimits> = {}): BatchLimits => ({
  maxInputsPerCall: 4,
  supportsParallelCalls: true,
  concurrency: 2,
  ...overrides,
});

const ranges = (batches: ReturnType<typeof planBatches>) =>
  batches.map((batch) => [batch.start, batch.end]);

describe('planBatches', () => {
  it('plans nothing for no inputs', () => {
    expect(planBatches([], limits())).toEqual([]);
  });

  it('cuts by count, covering every input once and in order', () => {
    expect(ranges(planBatches(new Array(10).fill(1), limits()))).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
  });

  it('cuts by token budget and sums each batch’s tokens', () => {
    const batches = planBatches(
      [3, 3, 3, 1, 5],
      limits({ maxInputsPerCall: 10, maxTokensPerCall: 7 }),
    );
    expect(ranges(batches)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
    expect(batches.map((batch) => batch.tokens)).toEqual([6, 4, 5]);
    expect(batches.every((batch) => !batch.atomic)).toBe(true);
  });

  it('sends an input above the per-call budget alone instead of refusing it', () => {
    expect(ranges(planBatches([1, 50, 1], limits({ maxTokensPerCall: 10 })))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('sends an input above maxTokensPerInput alone', () => {
    expect(ranges(planBatches([1, 1, 9, 1], limits({ maxTokensPerInput: 8 })))).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
    ]);
  });

  it('makes each atomic group exactly one batch, never merged', () => {
    const batches = planBatches([1, 1, 1, 1, 1, 1], limits(), [1, 3, 2]);
    expect(ranges(batches)).toEqual([
      [0, 1],
      [1, 4],
      [4, 6],
    ]);
    expect(batches.every((batch) => batch.atomic)).toBe(true);
    expect(batches.map((batch) => batch.tokens)).toEqual([1, 3, 2]);
  });

  it('refuses empty groups and groups larger than one call, naming the group', () => {
    const refusal = (groups: number[]) => {
      try {
        planBatches(new Array(8).fill(1), limits(), groups);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const empty = refusal([1, 0, 7]);
    expect(InvalidInputError.isInstance(empty)).toBe(true);
    expect((empty as InvalidInputError).index).toBe(1);
    const large = refusal([2, 6]);
    expect(InvalidInputError.isInstance(large)).toBe(true);
    expect((large as Error).message).toContain('Group 1 has 6 inputs');
  });
});
