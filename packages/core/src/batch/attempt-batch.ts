import type { EmbedPurpose } from '../embedding/embedding-function.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { BatchTask } from './batch-queue.js';
import type { BatchResponse, EmbedBatch } from './embed-batch.js';
import { raceAbort } from './race-abort.js';
import type { RateReservation } from './rate-budget.js';

/** What every attempt of one run shares. */
export interface AttemptContext<Input> {
  readonly inputs: readonly Input[];
  readonly embedBatch: EmbedBatch<Input>;
  readonly purpose: EmbedPurpose;
  readonly task: string | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** Provider id, for the timeout message. */
  readonly provider: string;
  readonly timeoutMs: number;
  /** Attempts a batch gets in all (retries + 1), for the timeout message. */
  readonly maxAttempts: number;
  /** The run's signal: the caller's abort, or another batch failing for good. */
  readonly runSignal: AbortSignal;
}

/**
 * Sends one batch once, under its own timeout and the run's signal, and hands the answer to
 * `accept` (which checks and keeps it). Rejects with the run's abort reason when the run was
 * stopped, with a `TimeoutError` when the attempt ran out of time, or with the provider's error.
 * The rate reservation, if any, is settled with the tokens billed as soon as the answer arrives.
 */
export async function attemptBatch<Input>(
  context: AttemptContext<Input>,
  task: BatchTask,
  reservation: RateReservation | undefined,
  accept: (response: BatchResponse) => void,
): Promise<void> {
  const { batch } = task;
  const { runSignal, timeoutMs } = context;
  const attemptController = new AbortController();
  const forwardAbort = () => attemptController.abort(runSignal.reason);
  runSignal.addEventListener('abort', forwardAbort, { once: true });
  const timer = setTimeout(() => {
    const size = batch.end - batch.start;
    attemptController.abort(
      new TimeoutError({
        message: `A ${context.provider} call with ${size} ${size === 1 ? 'input' : 'inputs'} took longer than ${timeoutMs} ms (attempt ${task.attempts + 1} of ${context.maxAttempts}). Raise timeoutMs if calls this large are expected to be slow.`,
        timeoutMs,
      }),
    );
  }, timeoutMs);
  try {
    const response = await raceAbort(
      context.embedBatch({
        inputs: context.inputs.slice(batch.start, batch.end),
        purpose: context.purpose,
        task: context.task,
        signal: attemptController.signal,
        headers: context.headers,
        atomic: batch.atomic,
      }),
      attemptController.signal,
    );
    reservation?.settle(response.tokens);
    accept(response);
  } catch (error) {
    if (runSignal.aborted) throw runSignal.reason;
    throw attemptController.signal.aborted ? attemptController.signal.reason : error;
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', forwardAbort);
  }
}
