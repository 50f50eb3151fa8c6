import type { RateLimit } from '@embedkit/core';

/** How much wider the client's window is than the simulator's; see `withArrivalSlack`. */
export const arrivalSlackMs = 50;

/**
 * A client `rateLimit` for pacing against a simulator that enforces the same limits, with the
 * window widened by `arrivalSlackMs`.
 *
 * The simulator counts its sliding window by arrival time; core's pacer counts by send time. On a
 * loaded machine a request sent exactly one window after another can arrive a few milliseconds
 * late, land inside the simulator's previous window and meet a 429 (CI saw 8 requests where 7
 * were planned). A test that asserts "paced, so no 429" paces with this; its unpaced twin still
 * shows the limit is real.
 */
export function withArrivalSlack<Limits extends RateLimit & { windowMs: number }>(
  limits: Limits,
): Limits {
  return { ...limits, windowMs: limits.windowMs + arrivalSlackMs };
}
