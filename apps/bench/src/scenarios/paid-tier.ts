import type { BenchScale, ScenarioResult } from '../harness/scenario-result.js';
import { paidTierDocumentTokens, paidTierService } from '../simulator/paid-tier-service.js';
import { limitTarget, runIngestComparison, tunedPeerTarget } from './ingest-comparison.js';

/** The paid-tier rows: embedkit, the baselines and every tuned peer (as shipped, they send 2,048-input batches). */
export const paidTierClients = [
  'embedkit',
  'embedkit-no-rate-limit',
  'naive',
  'langchain-tuned',
  'chroma-tuned',
  'vercel-ai-tuned',
  'llamaindex-tuned',
  'pymilvus-tuned',
];

/**
 * Paid tier: limits like Jina's tier 2 (scaled as `paidTierService` says), latency that grows
 * with tokens and has a log-normal tail, so the limit is reached only with many requests in
 * flight; the sequential bound is printed beside the theoretical one.
 */
export function paidTier(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  return runIngestComparison(
    {
      id: 'paid-tier',
      title: '1c. Ingest throughput, paid tier',
      serviceName: "Jina's tier 2 at 1/10, one simulated token for 100 real ones",
      service: paidTierService,
      corpus: { documents: scale.paidTierDocuments, seed: 50_000, ...paidTierDocumentTokens },
      clients: paidTierClients,
      capMs: scale.paidTierCapMs,
      parallelRows: scale.ingestParallelRows,
      scaling:
        'Tier 2’s limits at 1/10 (500 requests, 10M real tokens a minute, 50 in flight); one simulated token stands for 100 real ones, so documents are 5–80 tokens and the per-token latency is 100× the free tier’s (see src/simulator/paid-tier-service.ts).',
      targets: (runs, best) => [
        limitTarget(runs, 'embedkit', 0.95, best, 'paid tier: embedkit'),
        tunedPeerTarget(runs, 1.5, scale.paidTierCapMs),
      ],
    },
    python,
    log,
  );
}
