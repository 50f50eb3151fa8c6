import { describe, expect, it } from 'vitest';
import { admitBatch } from './admit-batch.js';
import type { BatchTask } from './batch-queue.js';
import { RateBudget } from './rate-budget.js';

const counts = [10, 10, 10, 10, 10, 10, 10, 10];
const task = (start: number, end: number): BatchTask => ({
  batch: { start, end, tokens: (end - start) * 10, atomic: false },
  attempts: 2,
  readyAt: 0,
});
const budget = (tokensPerMinute: number) =>
  new RateBudget({ tokensPerMinute, windowMs: 1_000 }, { now: () => 5_000, marginMs: 0 });

describe('admitBatch', () => {
  it('sends a task whole without a budget, or when the window has room', () => {
    const whole = task(0, 8);
    expect(admitBatch(whole, undefined, counts, 5_000)).toEqual({ send: { task: whole } });
    const admitted = admitBatch(whole, budget(1_000), counts, 5_000);
    expect(admitted.send?.task).toBe(whole);
    expect(admitted.send?.reservation).toBeDefined();
    expect(admitted.hold).toBeUndefined();
  });

  it('sends the part the window has room for and holds the rest, keeping the attempts', () => {
    const limited = budget(100);
    limited.admit(50);
    const admitted = admitBatch(task(0, 8), limited, counts, 5_000);
    expect(admitted.send?.task).toEqual({ ...task(0, 5), readyAt: 0 });
    expect(admitted.hold).toEqual({ task: task(5, 8), until: 5_000 });
  });

  it('holds a task the window has no worthwhile room for until room frees up', () => {
    const full = budget(100);
    full.admit(100);
    const admitted = admitBatch(task(0, 8), full, counts, 5_000);
    expect(admitted.send).toBeUndefined();
    expect(admitted.hold?.task).toEqual(task(0, 8));
    expect(admitted.hold!.until).toBeGreaterThan(5_000);
  });
});
