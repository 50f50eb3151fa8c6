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
   * Spread of a log-normal factor on each request's delay: the delay is multiplied by
   * `exp(σ·Z − σ²/2)` with Z standard normal, so its mean stays the same while its median drops
   * and a long tail appears (σ 0.5: median 0.88×, p99 about 2.8× the mean), as real model
   * servers' latencies look. Default 0 (no factor).
   */
  readonly logNormalSigma?: number;
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
  const sigma = options.logNormalSigma ?? 0;
  const delayFor = (tokens: number) => {
    const jitter = options.jitterMs ? random() * options.jitterMs : 0;
    const factor = sigma > 0 ? Math.exp(sigma * standardNormal(random) - (sigma * sigma) / 2) : 1;
    return Math.max(
      0,
      ((options.fixedMs ?? 0) + (options.perTokenMs ?? 0) * tokens) * factor * scale +
        jitter * scale,
    );
  };
  return {
    delayFor,
    wait(tokens, signal) {
      return sleep(delayFor(tokens), signal);
    },
  };
}

/** One standard normal draw (Box–Muller) from a uniform source. */
function standardNormal(random: RandomSource): number {
  const uniform = 1 - random(); // (0, 1], so the logarithm is finite
  return Math.sqrt(-2 * Math.log(uniform)) * Math.cos(2 * Math.PI * random());
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
