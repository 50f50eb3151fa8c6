import type { BenchScale, ScenarioResult } from '../harness/scenario-result.js';
import { ingestService } from '../simulator/ingest-service-config.js';
import { limitTarget, runIngestComparison, tunedPeerTarget } from './ingest-comparison.js';

/** Every row of the free-tier scenario: embedkit, the baselines, each peer as shipped and tuned, the bridges. */
export const freeTierClients = [
  'embedkit',
  'embedkit-no-rate-limit',
  'naive',
  'langchain',
  'langchain-tuned',
  'langchain-bridge',
  'chroma',
  'chroma-tuned',
  'vercel-ai',
  'vercel-ai-tuned',
  'ai-sdk-bridge',
  'llamaindex',
  'llamaindex-tuned',
  'pymilvus',
  'pymilvus-tuned',
];

/**
 * Scenario 1: the corpus through the rate-limited Jina simulator at the free tier's limits,
 * one client at a time: embedkit with and without `rateLimit`, the naive loop, and each peer
 * as shipped and tuned.
 */
export function ingestThroughput(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  return runIngestComparison(
    {
      id: 'ingest-throughput',
      title: '1. Ingest throughput, free tier',
      serviceName: "Jina's free tier",
      service: ingestService,
      corpus: { documents: scale.ingestDocuments, seed: 20_000 },
      clients: freeTierClients,
      capMs: scale.ingestCapMs,
      parallelRows: scale.ingestParallelRows,
      scaling:
        'Only time is compressed; the documents and every limit’s proportions are the real ones.',
      targets: (runs, best) => [
        limitTarget(runs, 'embedkit', 0.95, best, 'embedkit (rateLimit)'),
        limitTarget(runs, 'embedkit-no-rate-limit', 0.9, best, 'embedkit without rateLimit'),
        tunedPeerTarget(runs, 1, scale.ingestCapMs),
      ],
    },
    python,
    log,
  );
}
