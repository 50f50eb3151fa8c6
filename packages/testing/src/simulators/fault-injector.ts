import { createSeededRandom, type RandomSource } from './seeded-random.js';

/**
 * The failures a simulator can inject instead of (or into) a normal answer:
 * - `serverError`: a 5xx with the provider's error body;
 * - `rateLimit`: a 429 with the provider's rate-limit body;
 * - `connectionReset`: the socket is destroyed before any response;
 * - `stall`: the request is accepted and never answered (until the client gives up);
 * - `truncatedBody`: headers promise the full body, half of it is sent, then the socket closes;
 * - `nonJsonBody`: a 502 HTML page from a "gateway", as proxies send;
 * - `wrongCount`: a 200 whose data has one item fewer than the inputs;
 * - `wrongDimension`: a 200 whose first vector is one value short.
 * The provider simulator decides how `serverError`, `rateLimit`, `wrongCount` and
 * `wrongDimension` look; the
 * transport faults are applied by the HTTP simulator itself.
 */
export type FaultKind =
  | 'serverError'
  | 'rateLimit'
  | 'connectionReset'
  | 'stall'
  | 'truncatedBody'
  | 'nonJsonBody'
  | 'wrongCount'
  | 'wrongDimension';

export interface FaultInjectorOptions {
  /** Probability per request of each fault, in [0, 1]; checked in the order of `FaultKind`. */
  readonly rates?: Partial<Record<FaultKind, number>>;
  /** Seed for the decisions, so a run replays exactly. Default 1. */
  readonly seed?: number;
  /** Or a random source of your own. */
  readonly random?: RandomSource;
}

export interface FaultInjector {
  /** Decides the fault for the next request: a forced one first, else by the rates. */
  next(): FaultKind | undefined;
  /**
   * Forces the next `times` requests to fail with `kind`, ahead of the random rates. This is how
   * tests get exactly one 429 or exactly two resets, deterministically.
   */
  force(kind: FaultKind, times?: number): void;
  /** Replaces the per-request rates (e.g. turn chaos off half-way through a test). */
  setRates(rates: Partial<Record<FaultKind, number>>): void;
  /** How many of each fault were injected so far. */
  readonly injected: Readonly<Record<FaultKind, number>>;
}

const order: readonly FaultKind[] = [
  'serverError',
  'rateLimit',
  'connectionReset',
  'stall',
  'truncatedBody',
  'nonJsonBody',
  'wrongCount',
  'wrongDimension',
];

export function createFaultInjector(options: FaultInjectorOptions = {}): FaultInjector {
  const random = options.random ?? createSeededRandom(options.seed ?? 1);
  let rates = { ...options.rates };
  const forced: FaultKind[] = [];
  const injected = Object.fromEntries(order.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  return {
    injected,
    force(kind, times = 1) {
      for (let count = 0; count < times; count++) forced.push(kind);
    },
    setRates(next) {
      rates = { ...next };
    },
    next() {
      let fault = forced.shift();
      if (fault === undefined) {
        const roll = random();
        let threshold = 0;
        for (const kind of order) {
          threshold += rates[kind] ?? 0;
          if (roll < threshold) {
            fault = kind;
            break;
          }
        }
      }
      if (fault !== undefined) injected[fault]++;
      return fault;
    },
  };
}
