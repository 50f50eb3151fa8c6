import type { EmbedOptions } from '../embedding/embed-options.js';
import type { EmbedResult } from '../embedding/embed-result.js';
import type { EmbedPurpose } from '../embedding/embedding-function.js';
import { AbortError } from '../errors/abort-error.js';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { throwIfAborted } from '../errors/throw-if-aborted.js';
import { type AttemptContext, attemptBatch } from './attempt-batch.js';
import type { BatchLimits } from './batch-limits.js';
import { BatchQueue, type BatchTask } from './batch-queue.js';
import { BatchResults } from './batch-results.js';
import { type BatchRecovery, BatchScheduler } from './batch-scheduler.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import type { EmbedBatch } from './embed-batch.js';
import { withFairShare } from './fair-share-limits.js';
import { planBatches } from './plan-batches.js';
import { ProgressMeter } from './progress-meter.js';
import type { RateBudget, RateReservation } from './rate-budget.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { scheduleRetry } from './schedule-retry.js';
import { splitTooLargeBatch } from './split-too-large-batch.js';

/** Everything the batch runner needs for one embedding call. */
export interface RunBatchesOptions<Input> extends Omit<EmbedOptions, 'allowEmpty'> {
  inputs: readonly Input[];
  embedBatch: EmbedBatch<Input>;
  limits: BatchLimits;
  /** Provider id, for error messages. */
  provider: string;
  /** Model id, for the message of a vector of the wrong dimension. */
  model?: string;
  /** Expected vector length; `0` learns it from the first response and holds every later one to it. */
  dim: number;
  purpose: EmbedPurpose;
  /** Tokens per input, for packing calls under `limits.maxTokensPerCall`. */
  estimateTokens: (input: Input) => number;
  /** Sizes of consecutive atomic groups (late chunking); each group is exactly one call. */
  groups?: readonly number[];
  /** Calls in flight at most; defaults to `limits.concurrency` (1 without parallel support). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout. Default 60 s. */
  timeoutMs?: number;
  /** Source of jitter; injectable for reproducible tests. */
  random?: () => number;
  /**
   * Paces calls to a provider's published limits: a batch starts only when the budget has room
   * for it, and waits (holding no slot of the pool) until old calls age out of the window. Share
   * one budget between runs that count against the same limits.
   */
  rateBudget?: RateBudget;
}

/**
 * Runs one embedding call as many provider calls: planned by count and token budget, sent through
 * a sliding pool that halves on 429 and grows back on success, retried with backoff for
 * retryable failures only, each attempt under a timeout, all under the caller's signal.
 * Returns vectors in input order; on failure the thrown error's `completed` holds what finished.
 *
 * A retry waiting out its backoff holds no slot of the pool, so one slow batch does not idle the
 * others; a 429 instead pauses every new call until the server's requested wait has passed.
 * With a `rateBudget`, the next batch in line waits until the budget has room for it.
 * When one batch fails for good, the calls still in flight are cancelled and nothing new starts.
 *
 * The parts: `planBatches` cuts the inputs into a `BatchQueue`; `BatchScheduler` is the pool
 * (gate, rate admission via `admitBatch`, sleeping); `attemptBatch` sends one batch once;
 * `BatchResults` keeps the vectors in input order; `ProgressMeter` counts usage and reports
 * progress; a failed attempt is halved by `splitTooLargeBatch` or retried by `scheduleRetry`.
 */
export async function runBatches<Input>(options: RunBatchesOptions<Input>): Promise<EmbedResult> {
  const { inputs, limits, provider } = options;
  const total = inputs.length;
  throwIfAborted(options.signal, 'Embedding was aborted before it started.');
  const progress = new ProgressMeter(total, options.onProgress);
  if (total === 0) return { vectors: [], usage: progress.usage };

  const tokenCounts = new Array<number>(total);
  for (let index = 0; index < total; index++) {
    tokenCounts[index] = options.estimateTokens(inputs[index]!);
  }
  const concurrency = Math.max(
    1,
    limits.supportsParallelCalls ? (options.concurrency ?? limits.concurrency) : 1,
  );
  const planLimits = withFairShare(limits, options.rateBudget, concurrency);
  const queue = new BatchQueue(planBatches(tokenCounts, planLimits, options.groups));
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const random = options.random ?? Math.random;
  const gate = new ConcurrencyGate(concurrency);
  const results = new BatchResults(total, options.dim, provider, options.model);
  const runController = new AbortController();
  const onCallerAbort = () => runController.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const attemptContext: AttemptContext<Input> = {
    inputs,
    embedBatch: options.embedBatch,
    purpose: options.purpose,
    task: options.task,
    headers: options.headers,
    provider,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxAttempts: policy.maxRetries + 1,
    runSignal: runController.signal,
  };
  const send = (task: BatchTask, reservation: RateReservation | undefined) =>
    attemptBatch(attemptContext, task, reservation, (response) => {
      const stored = results.accept(task.batch, response);
      progress.recordCall(stored, response.tokens ?? task.batch.tokens);
      gate.recordSuccess();
      progress.report();
    });
  const recover = (task: BatchTask, error: unknown): BatchRecovery => {
    if (BatchTooLargeError.isInstance(error)) {
      return { tasks: splitTooLargeBatch(task, error, provider, tokenCounts) };
    }
    const { rateLimited } = scheduleRetry(task, error, policy, random);
    progress.recordRetry(rateLimited);
    options.onRetry?.({
      attempt: task.attempts,
      maxAttempts: attemptContext.maxAttempts,
      delayMs: Math.max(0, task.readyAt - Date.now()),
      inputs: task.batch.end - task.batch.start,
      error,
    });
    return { tasks: [task], rateLimitedUntil: rateLimited ? task.readyAt : undefined };
  };

  let failure: { error: unknown } | undefined;
  try {
    const scheduler = new BatchScheduler({
      queue,
      gate,
      rateBudget: options.rateBudget,
      tokenCounts,
      runController,
      send,
      recover,
    });
    failure = await scheduler.run();
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
  }

  if (failure !== undefined) {
    const error = options.signal?.aborted
      ? new AbortError({
          message: `Embedding was aborted after ${progress.done} of ${total} inputs; the completed vectors are on error.completed.`,
          cause: options.signal.reason,
        })
      : failure.error;
    if (EmbedkitError.isInstance(error)) error.completed = results.completed();
    throw error;
  }
  return { vectors: results.vectors, usage: progress.usage };
}
