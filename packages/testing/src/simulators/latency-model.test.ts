import { describe, expect, it } from 'vitest';
import { createLatencyModel } from './latency-model.js';
import { createSeededRandom } from './seeded-random.js';

describe('latency model', () => {
  it('is fixed + per-token, scaled, without a spread', () => {
    const model = createLatencyModel({ fixedMs: 300, perTokenMs: 0.06, timeScale: 1 / 6 });
    expect(model.delayFor(10_000)).toBeCloseTo((300 + 600) / 6, 9);
  });

  it('logNormalSigma keeps the mean, lowers the median and adds a tail', () => {
    const model = createLatencyModel({
      fixedMs: 100,
      perTokenMs: 1,
      logNormalSigma: 0.5,
      random: createSeededRandom(7),
    });
    const delays = Array.from({ length: 20_000 }, () => model.delayFor(900)).sort(
      (left, right) => left - right,
    );
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length;
    // The deterministic delay is 1,000 ms; exp(σZ − σ²/2) has mean 1, median exp(−σ²/2) ≈ 0.8825
    // and 99th percentile exp(2.326σ − σ²/2) ≈ 2.82.
    expect(mean).toBeGreaterThan(970);
    expect(mean).toBeLessThan(1030);
    expect(delays[10_000]!).toBeGreaterThan(850);
    expect(delays[10_000]!).toBeLessThan(915);
    expect(delays[19_800]!).toBeGreaterThan(2_500);
    expect(delays[19_800]!).toBeLessThan(3_150);
    expect(delays[0]!).toBeGreaterThan(0);
  });
});
