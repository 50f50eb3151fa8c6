import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { type RateAdmission, RateBudget, type RateReservation } from './rate-budget.js';
import type { RateLimit } from './rate-limit.js';

/** A budget on a hand-driven clock, starting at 0. */
function budgetAt(limit: RateLimit, marginMs = 0) {
  const clock = { now: 0 };
  const budget = new RateBudget(limit, { now: () => clock.now, marginMs });
  return { budget, clock };
}

function reserved(admission: RateAdmission): RateReservation {
  if (!('reservation' in admission)) {
    throw new Error(`expected admission, was told to wait ${admission.waitMs} ms`);
  }
  return admission.reservation;
}

function waitOf(admission: RateAdmission): number {
  if (!('waitMs' in admission)) throw new Error('expected a wait, the call was admitted');
  return admission.waitMs;
}

describe('RateBudget', () => {
  it('admits calls until the window is full, then names the wait until the oldest ages out', () => {
    const { budget, clock } = budgetAt({ tokensPerMinute: 100, windowMs: 1000 });
    reserved(budget.admit(40));
    clock.now = 200;
    reserved(budget.admit(40));
    clock.now = 300;
    expect(waitOf(budget.admit(40))).toBe(700);
    clock.now = 1000;
    reserved(budget.admit(40));
    expect(budget.usage()).toEqual({ requests: 2, tokens: 80 });
  });

  it('waits for as many old calls as a large call needs', () => {
    const { budget, clock } = budgetAt({ tokensPerMinute: 100, windowMs: 1000 });
    for (const at of [0, 100, 200, 300]) {
      clock.now = at;
      reserved(budget.admit(25));
    }
    clock.now = 400;
    expect(waitOf(budget.admit(60))).toBe(1200 - 400);
  });

  it('counts requests per window as well as tokens', () => {
    const { budget, clock } = budgetAt({ requestsPerMinute: 2, windowMs: 1000 });
    reserved(budget.admit(1_000_000));
    clock.now = 10;
    reserved(budget.admit(1));
    expect(waitOf(budget.admit(1))).toBe(990);
  });

  it('admits a call larger than the whole budget once the window is empty, never deadlocking', () => {
    const { budget, clock } = budgetAt({ tokensPerMinute: 100, windowMs: 1000 });
    reserved(budget.admit(30));
    clock.now = 500;
    expect(waitOf(budget.admit(250))).toBe(500);
    clock.now = 1000;
    expect(reserved(budget.admit(250)).tokens).toBe(250);
    expect(waitOf(budget.admit(1))).toBe(1000);
  });

  it('keeps entries a margin past the window, since the service stamps them on arrival', () => {
    const { budget, clock } = budgetAt({ requestsPerMinute: 1, windowMs: 1000 }, 50);
    reserved(budget.admit(1));
    clock.now = 1000;
    expect(waitOf(budget.admit(1))).toBe(50);
    clock.now = 1050;
    reserved(budget.admit(1));
  });

  it('defaults the margin to 1% of the window, at least 250 ms, and the window to a minute', () => {
    const budget = new RateBudget({ requestsPerMinute: 10 });
    expect(budget.windowMs).toBe(60_000);
    expect(budget.marginMs).toBe(600);
    expect(new RateBudget({ requestsPerMinute: 10, windowMs: 10_000 }).marginMs).toBe(250);
  });

  it('takes the margin from the rate limit’s marginMs: a call ages out that much later', () => {
    const clock = { now: 0 };
    const budget = (marginMs?: number) =>
      new RateBudget(
        { requestsPerMinute: 1, windowMs: 1000, ...(marginMs === undefined ? {} : { marginMs }) },
        { now: () => clock.now },
      );
    const tight = budget(10);
    const standard = budget();
    expect([tight.marginMs, standard.marginMs]).toEqual([10, 250]);
    reserved(tight.admit(1));
    reserved(standard.admit(1));
    clock.now = 1010;
    reserved(tight.admit(1));
    expect(waitOf(standard.admit(1))).toBe(240);
    expect(() => new RateBudget({ requestsPerMinute: 1, marginMs: -1 })).toThrow(
      InvalidConfigError,
    );
  });

  it('replaces a reservation with the billed tokens, freeing room at once', () => {
    const { budget } = budgetAt({ tokensPerMinute: 100, windowMs: 1000 });
    const first = reserved(budget.admit(80));
    expect('waitMs' in budget.admit(80)).toBe(true);
    first.settle(20);
    expect(budget.usage().tokens).toBe(20);
  });

  it('scales later reservations by the billed/estimated ratio, starting from raw estimates', () => {
    const { budget } = budgetAt({ tokensPerMinute: 10_000, windowMs: 1000 });
    expect(reserved(budget.admit(400)).tokens).toBe(400);
    const second = reserved(budget.admit(400));
    second.settle(300);
    expect(budget.calibration).toBeCloseTo(0.75);
    expect(reserved(budget.admit(400)).tokens).toBe(300);
    expect(budget.usage().tokens).toBe(400 + 300 + 300);
  });

  it('keeps the ratio within 0.25 and 4, so one odd response cannot stall or flood the budget', () => {
    const { budget } = budgetAt({ tokensPerMinute: 1_000_000, windowMs: 1000 });
    reserved(budget.admit(1000)).settle(1);
    expect(budget.calibration).toBe(0.25);
    const { budget: under } = budgetAt({ tokensPerMinute: 1_000_000, windowMs: 1000 });
    reserved(under.admit(10)).settle(1000);
    expect(under.calibration).toBe(4);
  });

  it('leaves a reservation as it is when the response reports no tokens (failed attempts too)', () => {
    const { budget } = budgetAt({ tokensPerMinute: 100, windowMs: 1000 });
    reserved(budget.admit(60)).settle(undefined);
    expect(budget.usage().tokens).toBe(60);
    expect(budget.calibration).toBe(1);
  });

  it('settling an entry that already aged out only calibrates', () => {
    const { budget, clock } = budgetAt({ tokensPerMinute: 100, windowMs: 1000 });
    const old = reserved(budget.admit(80));
    clock.now = 1000;
    reserved(budget.admit(40));
    old.settle(40);
    expect(budget.usage().tokens).toBe(40);
    expect(budget.calibration).toBe(0.5);
  });

  it('refuses bad limits with a readable InvalidConfigError', () => {
    const attempt = () => new RateBudget({ tokensPerMinute: -5, windowMs: 1.5 });
    expect(attempt).toThrow(InvalidConfigError);
    expect(attempt).toThrow(/tokensPerMinute: expected a number above 0/);
    expect(attempt).toThrow(/windowMs: expected a whole number/);
    expect(() => new RateBudget({})).toThrow(/set requestsPerMinute, tokensPerMinute or both/);
    expect(() => new RateBudget({ tokensPerMinut: 5 } as RateLimit)).toThrow(
      /unknown key tokensPerMinut/,
    );
  });
});
