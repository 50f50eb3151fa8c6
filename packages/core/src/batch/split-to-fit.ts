import type { PlannedBatch } from './plan-batches.js';
import { sliceBatch } from './slice-batch.js';

/**
 * Smallest share of a batch worth sending ahead of the rest: below it, a call's fixed cost is
 * not worth the room it fills, and waiting for the next call to age out frees more.
 */
const smallestShare = 1 / 8;

/**
 * Splits `batch` so that its first part fits `availableTokens` (estimated) now and the rest can
 * wait for room: a rate window then fills to its limit instead of idling a batch short of it.
 * Returns nothing for an atomic group, a single input, or a first part too small to be worth a
 * call of its own.
 */
export function splitToFit(
  batch: PlannedBatch,
  availableTokens: number,
  tokenCounts: readonly number[],
): [PlannedBatch, PlannedBatch] | undefined {
  if (batch.atomic || batch.end - batch.start < 2) return undefined;
  let tokens = 0;
  let end = batch.start;
  while (end < batch.end - 1 && tokens + tokenCounts[end]! <= availableTokens) {
    tokens += tokenCounts[end]!;
    end++;
  }
  if (end === batch.start || tokens < batch.tokens * smallestShare) return undefined;
  return [
    { start: batch.start, end, tokens, atomic: false },
    sliceBatch(batch, end, batch.end, tokenCounts),
  ];
}
