import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { BatchLimits } from './batch-limits.js';

/** A contiguous range of the caller's inputs sent in one call. */
export interface PlannedBatch {
  readonly start: number;
  readonly end: number;
  /** Estimated tokens in the range. */
  readonly tokens: number;
  /** An atomic group: never split, never merged. */
  readonly atomic: boolean;
}

/**
 * Splits inputs into calls by count and by token budget, keeping order. An input estimated above
 * the per-call budget or above `maxTokensPerInput` travels alone, so if the server refuses it,
 * the refusal names that one input and costs no other input a retry. Atomic groups (sizes in `groups`) each become exactly one call.
 */
export function planBatches(
  tokenCounts: readonly number[],
  limits: BatchLimits,
  groups?: readonly number[],
): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  if (groups) {
    let start = 0;
    for (const [groupIndex, size] of groups.entries()) {
      if (size < 1) {
        throw new InvalidInputError({
          message: `Group ${groupIndex} is empty; every group needs at least one input.`,
          index: groupIndex,
        });
      }
      if (size > limits.maxInputsPerCall) {
        throw new InvalidInputError({
          message: `Group ${groupIndex} has ${size} inputs, but one call takes at most ${limits.maxInputsPerCall}; split the document into fewer chunks.`,
          index: groupIndex,
        });
      }
      batches.push({
        start,
        end: start + size,
        tokens: sum(tokenCounts, start, start + size),
        atomic: true,
      });
      start += size;
    }
    return batches;
  }
  const tokenBudget = limits.maxTokensPerCall ?? Number.POSITIVE_INFINITY;
  const inputBudget = limits.maxTokensPerInput ?? Number.POSITIVE_INFINITY;
  let start = 0;
  let tokens = 0;
  let oversized = false;
  for (let index = 0; index < tokenCounts.length; index++) {
    const cost = tokenCounts[index]!;
    const count = index - start;
    const alone = cost > inputBudget;
    if (
      count > 0 &&
      (oversized || alone || count >= limits.maxInputsPerCall || tokens + cost > tokenBudget)
    ) {
      batches.push({ start, end: index, tokens, atomic: false });
      start = index;
      tokens = 0;
    }
    oversized = alone;
    tokens += cost;
  }
  if (start < tokenCounts.length) {
    batches.push({ start, end: tokenCounts.length, tokens, atomic: false });
  }
  return batches;
}

function sum(values: readonly number[], start: number, end: number): number {
  let total = 0;
  for (let index = start; index < end; index++) total += values[index]!;
  return total;
}
