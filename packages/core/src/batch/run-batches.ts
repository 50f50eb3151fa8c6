import type { EmbedOptions, EmbedProgress } from '../embedding/embed-options.js';
import type { EmbedResult, EmbedUsage } from '../embedding/embed-result.js';
import type { EmbedPurpose } from '../embedding/embedding-function.js';
import { AbortError } from '../errors/abort-error.js';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { BatchLimits } from './batch-limits.js';
import { BatchQueue, type BatchTask } from './batch-queue.js';
import { checkBatchResponse } from './check-batch-response.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import type { EmbedBatch } from './embed-batch.js';
import { planBatches } from './plan-batches.js';
import { raceAbort } from './race-abort.js';
import type { RateBudget, RateReservation } from './rate-budget.js';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from './retry-policy.js';
import { sliceBatch, splitToFit } from './split-batch.js';

/** Everything the batch runner needs for one embedding call. */
export interface RunBatchesOptions<Input> extends Omit<EmbedOptions, 'allowEmpty'> {
  inputs: readonly Input[];
  embedBatch: EmbedBatch<Input>;
  limits: BatchLimits;
  /** Provider id, for error messages. */
  provider: string;
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
 */
export async function runBatches<Input>(options: RunBatchesOptions<Input>): Promise<EmbedResult> {
  const { inputs, limits, provider } = options;
  const total = inputs.length;
  const usage: EmbedUsage = { tokens: 0, calls: 0, retries: 0, rateLimited: 0 };
  if (options.signal?.aborted) {
    throw new AbortError({
      message: 'Embedding was aborted before it started.',
      cause: options.signal.reason,
    });
  }
  if (total === 0) return { vectors: [], usage };

  const tokenCounts = new Array<number>(total);
  for (let index = 0; index < total; index++) {
    tokenCounts[index] = options.estimateTokens(inputs[index]!);
  }
  const queue = new BatchQueue(planBatches(tokenCounts, limits, options.groups));
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const random = options.random ?? Math.random;
  const maxConcurrency = Math.max(
    1,
    limits.supportsParallelCalls ? (options.concurrency ?? limits.concurrency) : 1,
  );
  const gate = new ConcurrencyGate(maxConcurrency);
  const vectors: Float32Array[] = new Array(total);
  let expectedDim = options.dim;
  let done = 0;
  let pausedUntil = 0;
  let failure: { error: unknown } | undefined;
  const runController = new AbortController();
  const onCallerAbort = () => runController.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  // The scheduler sleeps until a call settles, the run is aborted or a waiting retry is due.
  // One callback instead of Promise.race, which would pile a reaction per wait onto long-lived
  // promises and grow memory with the number of calls.
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  runController.signal.addEventListener('abort', wakeUp, { once: true });

  const report = () => {
    const progress: EmbedProgress = {
      done,
      total,
      tokens: usage.tokens,
      calls: usage.calls,
      retries: usage.retries,
    };
    options.onProgress?.(progress);
  };

  const attempt = async (task: BatchTask, reservation?: RateReservation): Promise<void> => {
    const { batch } = task;
    const attemptController = new AbortController();
    const forwardAbort = () => attemptController.abort(runController.signal.reason);
    runController.signal.addEventListener('abort', forwardAbort, { once: true });
    const timer = setTimeout(() => {
      attemptController.abort(
        new TimeoutError({
          message: `A ${provider} call with ${batch.end - batch.start} ${batch.end - batch.start === 1 ? 'input' : 'inputs'} took longer than ${timeoutMs} ms (attempt ${task.attempts + 1} of ${policy.maxRetries + 1}). Raise timeoutMs if calls this large are expected to be slow.`,
          timeoutMs,
        }),
      );
    }, timeoutMs);
    try {
      const response = await raceAbort(
        options.embedBatch({
          inputs: inputs.slice(batch.start, batch.end),
          purpose: options.purpose,
          task: options.task,
          signal: attemptController.signal,
          headers: options.headers,
          atomic: batch.atomic,
        }),
        attemptController.signal,
      );
      reservation?.settle(response.tokens);
      const ordered = checkBatchResponse(response, batch.end - batch.start, expectedDim, provider);
      if (expectedDim === 0) expectedDim = ordered[0]!.length;
      for (let offset = 0; offset < ordered.length; offset++) {
        vectors[batch.start + offset] = ordered[offset]!;
      }
      done += ordered.length;
      usage.calls++;
      usage.tokens += response.tokens ?? batch.tokens;
      gate.recordSuccess();
      report();
    } catch (error) {
      if (runController.signal.aborted) throw runController.signal.reason;
      throw attemptController.signal.aborted ? attemptController.signal.reason : error;
    } finally {
      clearTimeout(timer);
      runController.signal.removeEventListener('abort', forwardAbort);
    }
  };

  /** Puts a failed task back (split in half, or to be retried after a delay) or rethrows. */
  const handleFailure = (task: BatchTask, error: unknown): void => {
    const { batch } = task;
    if (BatchTooLargeError.isInstance(error)) {
      const size = batch.end - batch.start;
      if (size > 1 && !batch.atomic) {
        const middle = batch.start + Math.floor(size / 2);
        queue.putBack({
          batch: sliceBatch(batch, batch.start, middle, tokenCounts),
          attempts: task.attempts,
          readyAt: 0,
        });
        queue.putBack({
          batch: sliceBatch(batch, middle, batch.end, tokenCounts),
          attempts: task.attempts,
          readyAt: 0,
        });
        return;
      }
      throw new InvalidInputError({
        message: batch.atomic
          ? `The group of inputs ${batch.start}..${batch.end - 1} is too large for one ${provider} call (${error.message}); shorten the document or enable truncation.`
          : `Input ${batch.start} is too long for ${provider} (${error.message}); shorten it or enable truncation.`,
        index: batch.start,
        cause: error,
      });
    }
    const retryable = EmbedkitError.isInstance(error) && error.isRetryable;
    if (!retryable || task.attempts >= policy.maxRetries) throw error;
    task.attempts++;
    usage.retries++;
    const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
    const delay = retryDelay(policy, task.attempts, retryAfterMs, random);
    task.readyAt = Date.now() + delay;
    if (RateLimitError.isInstance(error)) {
      usage.rateLimited++;
      gate.recordRateLimit();
      pausedUntil = Math.max(pausedUntil, task.readyAt);
    }
    queue.putBack(task);
  };

  const start = (task: BatchTask, reservation?: RateReservation) => {
    const running: Promise<void> = attempt(task, reservation)
      .catch((error: unknown) => {
        if (runController.signal.aborted) throw runController.signal.reason;
        handleFailure(task, error);
      })
      .catch((error: unknown) => {
        if (failure === undefined) {
          failure = { error };
          runController.abort(error);
        }
      })
      .finally(() => {
        inFlight.delete(running);
        wakeUp();
      });
    inFlight.add(running);
  };

  const inFlight = new Set<Promise<void>>();
  // The task the rate budget turned away stays first in line until the budget has room.
  let held: { task: BatchTask; until: number } | undefined;
  try {
    while (failure === undefined && !runController.signal.aborted) {
      const now = Date.now();
      if (now >= pausedUntil) {
        while (gate.canStart(inFlight.size)) {
          const task = held?.task ?? queue.take(now);
          held = undefined;
          if (!task) break;
          const budget = options.rateBudget;
          const admission = budget?.admit(task.batch.tokens);
          if (budget === undefined || admission === undefined) {
            start(task);
            continue;
          }
          if ('reservation' in admission) {
            start(task, admission.reservation);
            continue;
          }
          // Send the part of the batch the window has room for now; the rest waits for room.
          const parts = splitToFit(task.batch, budget.availableTokens(), tokenCounts);
          const first = parts && budget.admit(parts[0].tokens);
          if (parts && first && 'reservation' in first) {
            start({ batch: parts[0], attempts: task.attempts, readyAt: 0 }, first.reservation);
            held = { task: { batch: parts[1], attempts: task.attempts, readyAt: 0 }, until: now };
            continue;
          }
          held = { task, until: now + admission.waitMs };
          break;
        }
      }
      if (queue.isEmpty && held === undefined && inFlight.size === 0) break;
      const wakeAt = !gate.canStart(inFlight.size)
        ? undefined
        : (held?.until ?? queue.nextReadyAt(now));
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (wakeAt !== undefined) timer = setTimeout(wakeUp, Math.max(wakeAt, pausedUntil) - now);
      });
      clearTimeout(timer);
    }
    if (failure === undefined && runController.signal.aborted) {
      failure = { error: runController.signal.reason };
    }
    await Promise.allSettled(inFlight);
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
    runController.signal.removeEventListener('abort', wakeUp);
  }

  if (failure !== undefined) {
    const error = options.signal?.aborted
      ? new AbortError({
          message: `Embedding was aborted after ${done} of ${total} inputs; the completed vectors are on error.completed.`,
          cause: options.signal.reason,
        })
      : failure.error;
    if (EmbedkitError.isInstance(error)) error.completed = collectCompleted(vectors);
    throw error;
  }
  return { vectors, usage };
}

function collectCompleted(vectors: readonly (Float32Array | undefined)[]) {
  const indices: number[] = [];
  const completed: Float32Array[] = [];
  for (let index = 0; index < vectors.length; index++) {
    const vector = vectors[index];
    if (vector !== undefined) {
      indices.push(index);
      completed.push(vector);
    }
  }
  return { indices, vectors: completed };
}
