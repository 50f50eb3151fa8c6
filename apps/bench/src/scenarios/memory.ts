import { clientLabel } from '../clients/client-catalog.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { formatMiB, formatNumber } from '../report-table.js';
import { measured, runAgainstCannedServer } from './canned-runs.js';

/** The Vercel AI SDK's cap: it had not finished in 90 s either (BENCHMARKS.md). */
const vercelCapMs = 20_000;
/** pymilvus' cap: parsing float JSON into float64 arrays took 70 s to over 90 s on 2 cores. */
const pymilvusCapMs = 45_000;

/**
 * Scenario 3: memory while embedding and holding the vectors of `memoryDocuments` documents at
 * 1,024 dimensions, against their raw float32 size. Peak growth is the process' peak RSS minus
 * its RSS before the call; retained is the RSS after a full GC with the vectors still held.
 */
export async function memory(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const raw = scale.memoryDocuments * 1024 * 4;
  const runs = await runAgainstCannedServer('memory', scale.memoryDocuments, {
    python,
    quick: scale.quick,
    timeoutMs: 90_000,
    // Its float path holds the same Float32Arrays; scenario 2 compares the wire formats, and
    // leaving it out here keeps the full run under 15 minutes.
    skip: ['embedkit-float'],
    // One client at a time: two at once made Chroma's client fail ("fetch failed") against the
    // shared canned server. The two that do not finish are stopped at stated shorter caps.
    timeoutMsOf: { 'vercel-ai': vercelCapMs, pymilvus: pymilvusCapMs },
    log,
  });
  const peakRatio: Record<string, number> = {};
  const rows = runs.map(({ clientId, outcome }): Record<string, Cell> => {
    const result = measured(outcome);
    if ('problem' in result) return { client: clientLabel(clientId), result: result.problem };
    const { measurement } = result;
    const peakGrowth = measurement.peakRss - measurement.baselineRss;
    peakRatio[clientId] = peakGrowth / raw;
    return {
      client: clientLabel(clientId),
      'peak RSS growth': formatMiB(peakGrowth),
      '× raw': `${formatNumber(peakGrowth / raw, 2)}×`,
      'retained (after GC)': formatMiB(measurement.retainedGrowth),
      'heap + buffers growth': formatMiB(measurement.heapGrowth),
      result: 'completed',
    };
  });
  const embedkit = peakRatio.embedkit;
  return {
    id: 'memory',
    title: `3. Memory (${formatNumber(scale.memoryDocuments, 0)} × 1,024 embeddings held; raw float32 ${formatMiB(raw)})`,
    columns: [
      'client',
      'peak RSS growth',
      '× raw',
      'retained (after GC)',
      'heap + buffers growth',
      'result',
    ],
    rows,
    targets: [
      {
        target: 'embedkit peak growth ≤1.2× the raw float32 size (issue 17)',
        met: embedkit === undefined ? undefined : embedkit <= 1.2,
        detail:
          embedkit === undefined ? 'embedkit did not complete' : `${formatNumber(embedkit, 2)}×`,
      },
    ],
    notes: [
      'Each client runs in its own process (Node with --expose-gc; Python for pymilvus). Baseline: RSS after a warm-up call and a GC. Peak: the process’ maximum RSS (getrusage). Heap + buffers: V8 heap used plus ArrayBuffer memory after a GC (for Python: RSS).',
      'Responses come from the canned Jina endpoint (float JSON for peers, base64 for embedkit; the smoke run also measures "embedkit (float JSON)", which the full run leaves out for time).',
      `One client at a time, each in its own process. Caps: 90 s per client; ${vercelCapMs / 1000} s for the Vercel AI SDK, which sends 2,048-value calls one at a time and did not finish 100,000 documents in 90 s either; ${pymilvusCapMs / 1000} s for pymilvus, whose parse of float JSON into float64 arrays took 70 s to over 90 s on 2 cores.`,
    ],
    data: { raw, peakRatio, runs },
  };
}
