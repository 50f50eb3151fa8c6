import type { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { BatchTask } from './batch-queue.js';
import { sliceBatch } from './slice-batch.js';

/**
 * What to send instead of a batch the server refused as too large: its two halves, keeping the
 * task's attempts and ready at once. A batch that cannot be halved (one input, or one atomic
 * group) throws an `InvalidInputError` naming the input or group, since no split can fix it.
 */
export function splitTooLargeBatch(
  task: BatchTask,
  error: BatchTooLargeError,
  provider: string,
  tokenCounts: readonly number[],
): [BatchTask, BatchTask] {
  const { batch } = task;
  const size = batch.end - batch.start;
  if (size > 1 && !batch.atomic) {
    const middle = batch.start + Math.floor(size / 2);
    return [
      {
        batch: sliceBatch(batch, batch.start, middle, tokenCounts),
        attempts: task.attempts,
        readyAt: 0,
      },
      {
        batch: sliceBatch(batch, middle, batch.end, tokenCounts),
        attempts: task.attempts,
        readyAt: 0,
      },
    ];
  }
  throw new InvalidInputError({
    message: batch.atomic
      ? `The group of inputs ${batch.start}..${batch.end - 1} is too large for one ${provider} call (${error.message}); shorten the document or enable truncation.`
      : `Input ${batch.start} is too long for ${provider} (${error.message}); shorten it or enable truncation.`,
    index: batch.start,
    cause: error,
  });
}
