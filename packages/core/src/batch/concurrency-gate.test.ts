import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrency-gate.js';

describe('ConcurrencyGate', () => {
  it('allows up to its maximum in flight', () => {
    const gate = new ConcurrencyGate(4);
    expect(gate.canStart(3)).toBe(true);
    expect(gate.canStart(4)).toBe(false);
  });

  it('halves on a rate limit, never below one', () => {
    const gate = new ConcurrencyGate(8);
    gate.recordRateLimit();
    expect(gate.limit).toBe(4);
    gate.recordRateLimit();
    gate.recordRateLimit();
    gate.recordRateLimit();
    expect(gate.limit).toBe(1);
    expect(gate.canStart(0)).toBe(true);
  });

  it('grows back by one per run of successes as long as the bound, up to the maximum', () => {
    const gate = new ConcurrencyGate(4);
    gate.recordRateLimit();
    gate.recordRateLimit();
    expect(gate.limit).toBe(1);
    gate.recordSuccess();
    expect(gate.limit).toBe(2);
    gate.recordSuccess();
    expect(gate.limit).toBe(2);
    gate.recordSuccess();
    expect(gate.limit).toBe(3);
    for (let count = 0; count < 20; count++) gate.recordSuccess();
    expect(gate.limit).toBe(4);
  });
});
