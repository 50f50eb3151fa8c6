import type { PlannedBatch } from './plan-batches.js';

/** The inputs `start..end` of `batch` as a batch of their own, with their estimated tokens. */
export function sliceBatch(
  batch: PlannedBatch,
  start: number,
  end: number,
  tokenCounts: readonly number[],
): PlannedBatch {
  let tokens = 0;
  for (let index = start; index < end; index++) tokens += tokenCounts[index]!;
  return { start, end, tokens, atomic: batch.atomic };
}
