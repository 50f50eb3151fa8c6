/** Latency percentiles of one concurrency level, in milliseconds. */
export interface LevelLatency {
  readonly concurrency: number;
  readonly queries: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly queriesPerSecond: number;
}

/** The `fraction` percentile (nearest rank) of ascending `sorted` values. */
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/**
 * Runs `query` once per item of `inputs` with `concurrency` lanes in flight (each lane takes
 * the next input when its query returns) and reports the latency percentiles and throughput.
 */
export async function measureLatency<Input>(
  inputs: readonly Input[],
  concurrency: number,
  query: (input: Input) => Promise<unknown>,
): Promise<LevelLatency> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      const begun = performance.now();
      await query(input);
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return summarizeLatencies(concurrency, latencies, performance.now() - started);
}

/**
 * The percentiles and throughput of one level's query latencies (ms) over `elapsedMs` of wall
 * time — shared by `measureLatency` and clients timed in another runtime (pymilvus), so every
 * row of a table is summarized the same way.
 */
export function summarizeLatencies(
  concurrency: number,
  latencies: readonly number[],
  elapsedMs: number,
): LevelLatency {
  const sorted = [...latencies].sort((left, right) => left - right);
  return {
    concurrency,
    queries: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    queriesPerSecond: sorted.length / (elapsedMs / 1000),
  };
}
