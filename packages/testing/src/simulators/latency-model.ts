import type { RandomSource } from './seeded-random.js';

/** How long a simulated service takes to answer. All values in milliseconds of simulated time. */
export interface LatencyModelOptions {
  /** Paid by every request (network round trip, queueing). Default 0. */
  readonly fixedMs?: number;
  /** Paid per token of input (model time). Default 0. */
  readonly perTokenMs?: number;
  /** Uniform random extra in [0, jitterMs). Default 0. */
  readonly jitterMs?: number;
  /**
   * Multiplies every delay: 1 is real time, 0.01 makes a benchmark of "real" latencies run 100×
   * faster while keeping their proportions. Default 1.
   */
  readonly timeScale?: number;
  /** Source for jitter; pass a seeded one for reproducible runs. Default `Math.random`. */
  readonly random?: RandomSource;
}

export interface LatencyModel {
  /** The wall-clock delay, already scaled, for a request of `tokens` tokens. */
  delayFor(tokens: number): number;
  /** Waits `delayFor(tokens)`; resolves early (without throwing) when `signal` aborts. */
  wait(tokens: number, signal?: AbortSignal): Promise<void>;
}

/** Fixed + per-token latency with optional jitter and a time scale. */
export function createLatencyModel(options: LatencyModelOptions = {}): LatencyModel {
  const random = options.random ?? Math.random;
  const scale = options.timeScale ?? 1;
  const delayFor = (tokens: number) => {
    const jitter = options.jitterMs ? random() * options.jitterMs : 0;
    return Math.max(
      0,
      ((options.fixedMs ?? 0) + (options.perTokenMs ?? 0) * tokens + jitter) * scale,
    );
  };
  return {
    delayFor,
    wait(tokens, signal) {
      return sleep(delayFor(tokens), signal);
    },
  };
}

/** Resolves after `milliseconds`, or at once when `signal` aborts. Never rejects. */
export function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  if (milliseconds <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener('abort', done, { once: true });
  });
}
