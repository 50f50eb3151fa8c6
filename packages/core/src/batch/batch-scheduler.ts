import { admitBatch } from './admit-batch.js';
import type { BatchQueue, BatchTask } from './batch-queue.js';
import type { ConcurrencyGate } from './concurrency-gate.js';
import type { RateBudget, RateReservation } from './rate-budget.js';

/** What to do with a task whose attempt failed, when the failure is not final. */
export interface BatchRecovery {
  /** Tasks to put back in the queue: the task itself to be retried, or the halves of a split. */
  readonly tasks: readonly BatchTask[];
  /** Set for a 429: the pool narrows and no new call starts before this time (ms since epoch). */
  readonly rateLimitedUntil?: number;
}

export interface BatchSchedulerOptions {
  readonly queue: BatchQueue;
  readonly gate: ConcurrencyGate;
  readonly rateBudget: RateBudget | undefined;
  /** Estimated tokens per input, for fitting part of a batch into the rate budget's room. */
  readonly tokenCounts: readonly number[];
  /** Aborted by the caller's signal; the scheduler aborts it when a task fails for good. */
  readonly runController: AbortController;
  /** Sends one task once; resolves once its answer is stored. */
  readonly send: (task: BatchTask, reservation: RateReservation | undefined) => Promise<void>;
  /** Called for a failed attempt while the run goes on; returns what to put back, or throws when the failure is final. */
  readonly recover: (task: BatchTask, error: unknown) => BatchRecovery;
}

/**
 * The sliding pool of one run: starts tasks while the concurrency gate has room and the rate
 * budget admits them, puts failed ones back as `recover` says, and sleeps until a call settles,
 * a waiting task is due or the run is aborted. When one task fails for good, it aborts the run
 * (cancelling the calls in flight), starts nothing new and waits for the rest to settle.
 */
export class BatchScheduler {
  readonly #options: BatchSchedulerOptions;
  readonly #inFlight = new Set<Promise<void>>();
  /** The task the rate budget turned away: it stays first in line until the budget has room. */
  #held: { task: BatchTask; until: number } | undefined;
  /** No new call starts before this time: a 429 asked the whole pool to wait. */
  #pausedUntil = 0;
  #failure: { error: unknown } | undefined;
  // The loop sleeps on one callback instead of Promise.race, which would pile a reaction per
  // wait onto long-lived promises and grow memory with the number of calls.
  #wake: (() => void) | undefined;
  readonly #wakeUp = () => {
    const resolve = this.#wake;
    this.#wake = undefined;
    resolve?.();
  };

  constructor(options: BatchSchedulerOptions) {
    this.#options = options;
  }

  /** Runs until every task is stored or one failed for good; returns that failure, if any. */
  async run(): Promise<{ error: unknown } | undefined> {
    const { queue, gate, runController } = this.#options;
    const signal = runController.signal;
    signal.addEventListener('abort', this.#wakeUp, { once: true });
    try {
      while (this.#failure === undefined && !signal.aborted) {
        const now = Date.now();
        if (now >= this.#pausedUntil) this.#startReady(now);
        if (queue.isEmpty && this.#held === undefined && this.#inFlight.size === 0) break;
        const wakeAt = !gate.canStart(this.#inFlight.size)
          ? undefined
          : (this.#held?.until ?? queue.nextReadyAt(now));
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          if (wakeAt !== undefined) {
            timer = setTimeout(this.#wakeUp, Math.max(wakeAt, this.#pausedUntil) - now);
          }
        });
        clearTimeout(timer);
      }
      if (this.#failure === undefined && signal.aborted) this.#failure = { error: signal.reason };
      await Promise.allSettled(this.#inFlight);
    } finally {
      signal.removeEventListener('abort', this.#wakeUp);
    }
    return this.#failure;
  }

  /** Starts every task that may go now, as far as the gate and the rate budget allow. */
  #startReady(now: number): void {
    const { queue, gate, rateBudget, tokenCounts } = this.#options;
    while (gate.canStart(this.#inFlight.size)) {
      const task = this.#held?.task ?? queue.take(now);
      this.#held = undefined;
      if (!task) break;
      const admission = admitBatch(task, rateBudget, tokenCounts, now);
      if (admission.send) this.#start(admission.send.task, admission.send.reservation);
      if (admission.hold) this.#held = admission.hold;
      if (!admission.send) break;
    }
  }

  #start(task: BatchTask, reservation: RateReservation | undefined): void {
    const { runController } = this.#options;
    const running: Promise<void> = this.#options
      .send(task, reservation)
      .catch((error: unknown) => {
        if (runController.signal.aborted) throw runController.signal.reason;
        this.#putBack(this.#options.recover(task, error));
      })
      .catch((error: unknown) => {
        if (this.#failure === undefined) {
          this.#failure = { error };
          runController.abort(error);
        }
      })
      .finally(() => {
        this.#inFlight.delete(running);
        this.#wakeUp();
      });
    this.#inFlight.add(running);
  }

  #putBack(recovery: BatchRecovery): void {
    if (recovery.rateLimitedUntil !== undefined) {
      this.#options.gate.recordRateLimit();
      this.#pausedUntil = Math.max(this.#pausedUntil, recovery.rateLimitedUntil);
    }
    for (const task of recovery.tasks) this.#options.queue.putBack(task);
  }
}
