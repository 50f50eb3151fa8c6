import type { PlannedBatch } from './plan-batches.js';

/** One planned batch on its way through the runner, with its retry bookkeeping. */
export interface BatchTask {
  readonly batch: PlannedBatch;
  /** Failed attempts so far that were retried. */
  attempts: number;
  /** Earliest time (ms since epoch) the task may be sent again; `0` means at once. */
  readyAt: number;
}

/**
 * The runner's work queue: the planned batches, read with a cursor so a million-input call is
 * never copied or shifted, and a small side list of tasks coming back (retries waiting out their
 * backoff, halves of a split batch). Waiting tasks hold no slot of the concurrency pool.
 */
export class BatchQueue {
  readonly #planned: readonly PlannedBatch[];
  #cursor = 0;
  readonly #returned: BatchTask[] = [];

  constructor(planned: readonly PlannedBatch[]) {
    this.#planned = planned;
  }

  /** Whether any task is still to be sent (now or later). */
  get isEmpty(): boolean {
    return this.#cursor >= this.#planned.length && this.#returned.length === 0;
  }

  /** Puts a task back; it is preferred over fresh batches once `readyAt` has passed. */
  putBack(task: BatchTask): void {
    this.#returned.push(task);
  }

  /** The next task that may be sent at `now`, returned tasks first; `undefined` when none may. */
  take(now: number): BatchTask | undefined {
    const index = this.#returned.findIndex((task) => task.readyAt <= now);
    if (index >= 0) return this.#returned.splice(index, 1)[0];
    if (this.#cursor < this.#planned.length) {
      return { batch: this.#planned[this.#cursor++]!, attempts: 0, readyAt: 0 };
    }
    return undefined;
  }

  /** The earliest time a waiting task becomes ready, when none is ready at `now`. */
  nextReadyAt(now: number): number | undefined {
    if (this.#cursor < this.#planned.length) return now;
    let earliest: number | undefined;
    for (const task of this.#returned) {
      if (earliest === undefined || task.readyAt < earliest) earliest = task.readyAt;
    }
    return earliest;
  }
}
