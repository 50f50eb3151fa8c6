import type { BatchTask } from './batch-queue.js';
import type { RateBudget, RateReservation } from './rate-budget.js';
import { splitToFit } from './split-to-fit.js';

/** What the rate budget allows for the next task: send (part of) it now, hold (the rest of) it. */
export interface Admission {
  /** The task to start now, with the reservation it holds in the budget. */
  readonly send?: { readonly task: BatchTask; readonly reservation?: RateReservation };
  /** The task (or its remainder) that waits, first in line, until `until` (ms since epoch). */
  readonly hold?: { readonly task: BatchTask; readonly until: number };
}

/**
 * Asks the rate budget, if any, about the next task. Without a budget, or when the window has
 * room, the task is sent whole. When it has room for only part of the task, that part is sent
 * and the rest held (so a window fills to its limit instead of idling); otherwise the task is
 * held until the budget says room will have freed up.
 */
export function admitBatch(
  task: BatchTask,
  budget: RateBudget | undefined,
  tokenCounts: readonly number[],
  now: number,
): Admission {
  if (budget === undefined) return { send: { task } };
  const admission = budget.admit(task.batch.tokens);
  if ('reservation' in admission) return { send: { task, reservation: admission.reservation } };
  const parts = splitToFit(task.batch, budget.availableTokens(), tokenCounts);
  const first = parts && budget.admit(parts[0].tokens);
  if (parts && first && 'reservation' in first) {
    return {
      send: {
        task: { batch: parts[0], attempts: task.attempts, readyAt: 0 },
        reservation: first.reservation,
      },
      hold: { task: { batch: parts[1], attempts: task.attempts, readyAt: 0 }, until: now },
    };
  }
  return { hold: { task, until: now + admission.waitMs } };
}
