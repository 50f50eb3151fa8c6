import type { BenchScale, ScenarioResult } from '../harness/scenario-result.js';
import {
  shortDocumentsService,
  shortDocumentTokens,
} from '../simulator/short-documents-service.js';
import { limitTarget, runIngestComparison, tunedPeerTarget } from './ingest-comparison.js';

/** The short-document rows: embedkit, the baselines, the tuned peers. */
export const shortDocumentClients = [
  'embedkit',
  'embedkit-no-rate-limit',
  'naive',
  'langchain-tuned',
  'chroma-tuned',
  'vercel-ai-tuned',
  'llamaindex-tuned',
  'pymilvus-tuned',
];

/** Short documents: requests per minute bind, so what counts is full requests and no wasted 429s. */
export function shortDocuments(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  return runIngestComparison(
    {
      id: 'short-documents',
      title: '1d. Ingest throughput, short documents (requests per minute bind)',
      serviceName: 'the free tier with 32 inputs per request and 80 requests per minute',
      service: shortDocumentsService,
      corpus: { documents: scale.shortDocuments, seed: 70_000, ...shortDocumentTokens },
      clients: shortDocumentClients,
      capMs: scale.shortDocumentsCapMs,
      parallelRows: scale.ingestParallelRows,
      scaling:
        'The request cap and requests per minute are lowered (see src/simulator/short-documents-service.ts) so that a corpus one machine can send is bound by requests, not tokens.',
      targets: (runs, best) => [
        limitTarget(runs, 'embedkit', 0.95, best, 'short documents: embedkit'),
        tunedPeerTarget(runs, 1, scale.shortDocumentsCapMs),
      ],
    },
    python,
    log,
  );
}
