import { clientCatalog, clientLabel } from '../clients/client-catalog.js';
import { measureClient } from '../clients/measure-client.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { formatNumber } from '../report-table.js';
import {
  ingestService,
  ingestSimulatorOptions,
  theoreticalBest,
} from '../simulator/ingest-service-config.js';
import { startSimulatorProcess } from '../simulator/simulator-handle.js';
import { syntheticCorpus } from '../synthetic-corpus.js';

const allClients = [
  'embedkit',
  'langchain',
  'langchain-bridge',
  'chroma',
  'vercel-ai',
  'ai-sdk-bridge',
  'llamaindex',
  'pymilvus',
];
/** Peers' own objects run through an embedkit bridge: embedkit's runner, so not peers. */
const bridgeClients = new Set(['ai-sdk-bridge', 'langchain-bridge']);
/** `BENCH_CLIENTS=embedkit,chroma` limits a run to some clients (for profiling). */
const clientIds = process.env.BENCH_CLIENTS?.split(',') ?? allClients;

const labelOf = clientLabel;
const settingsOf = (id: string) => clientCatalog[id]?.settings ?? '';

interface IngestRun {
  readonly client: string;
  readonly outcome: 'completed' | 'failed' | 'did not finish';
  readonly error?: string;
  readonly wallMs: number;
  readonly fractionOfLimit: number;
  readonly requests: number;
  readonly accepted: number;
  readonly rateLimited: number;
  readonly retries: number | undefined;
  readonly tokensAccepted: number;
  readonly simulatorCpuMs: number;
}

/**
 * Scenario 1: the corpus through the rate-limited Jina simulator, one client at a time, each
 * against a fresh simulator (fresh limits) in its own process. Wall time is compared with the
 * simulator's theoretical best; requests, 429s and retries come from the simulator's counters
 * (retries also from the client where it reports them).
 */
export async function ingestThroughput(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const corpusOptions = { documents: scale.ingestDocuments, seed: 20_000 };
  const corpus = syntheticCorpus(corpusOptions);
  const best = theoreticalBest(scale.ingestDocuments, corpus.totalTokens);
  log(
    `ingest: ${scale.ingestDocuments} documents, ${formatNumber(corpus.totalTokens, 0)} tokens; theoretical best ${formatNumber(best.bestMs / 1000, 1)} s (${best.binding})`,
  );
  const runs: IngestRun[] = [];
  for (const clientId of clientIds) {
    const simulator = await startSimulatorProcess(ingestSimulatorOptions());
    try {
      const outcome = await measureClient(
        {
          clientId,
          kind: 'ingest',
          simulatorUrl: simulator.url,
          apiKey: simulator.apiKey,
          corpus: corpusOptions,
        },
        { timeoutMs: scale.ingestCapMs, python },
      );
      const { stats, cpuMs } = await simulator.stats();
      const requests = stats.requestsByRoute['POST /v1/embeddings'] ?? 0;
      const accepted = stats.statuses[200] ?? 0;
      const measured = outcome.kind === 'ok' ? outcome.result : undefined;
      const completed = measured?.ok === true;
      const wallMs =
        outcome.kind === 'timedOut' ? outcome.afterMs : (measured?.wallMs ?? Number.NaN);
      const run: IngestRun = {
        client: clientId,
        outcome: completed
          ? 'completed'
          : outcome.kind === 'timedOut'
            ? 'did not finish'
            : 'failed',
        ...(completed
          ? {}
          : {
              error:
                outcome.kind === 'failed'
                  ? outcome.error
                  : outcome.kind === 'ok'
                    ? outcome.result.error
                    : undefined,
            }),
        wallMs,
        fractionOfLimit: completed ? best.bestMs / wallMs : Number.NaN,
        requests,
        accepted,
        rateLimited: stats.statuses[429] ?? 0,
        retries: measured?.retries ?? (completed ? requests - accepted : undefined),
        tokensAccepted: stats.tokens,
        simulatorCpuMs: cpuMs,
      };
      runs.push(run);
      log(`ingest: ${clientId} ${run.outcome} in ${formatNumber(wallMs / 1000, 1)} s`);
    } finally {
      await simulator.close();
    }
  }
  return ingestResult(scale, corpus.totalTokens, best, runs);
}

function ingestResult(
  scale: BenchScale,
  totalTokens: number,
  best: ReturnType<typeof theoreticalBest>,
  runs: IngestRun[],
): ScenarioResult {
  const rows = runs.map((run): Record<string, Cell> => {
    const partial = `${formatNumber((100 * run.tokensAccepted) / totalTokens, 0)}% of tokens`;
    const result =
      run.outcome === 'completed'
        ? 'completed'
        : run.outcome === 'did not finish'
          ? `did not finish in ${formatNumber(run.wallMs / 1000, 0)} s (${partial})`
          : `failed after ${formatNumber(run.wallMs / 1000, 1)} s (${partial}): ${run.error ?? ''}`;
    return {
      client: labelOf(run.client),
      'wall s': run.outcome === 'completed' ? run.wallMs / 1000 : '—',
      'of limit':
        run.outcome === 'completed' ? `${formatNumber(100 * run.fractionOfLimit, 0)}%` : '—',
      requests: run.requests,
      '429s': run.rateLimited,
      retries: run.retries ?? '—',
      result,
    };
  });
  const embedkit = runs.find((run) => run.client === 'embedkit');
  // embedkit's float-JSON variant and the bridges are embedkit, not peers.
  const peers = runs.filter(
    (run) =>
      !run.client.startsWith('embedkit') &&
      !bridgeClients.has(run.client) &&
      run.outcome === 'completed',
  );
  const bestPeer = peers.reduce<IngestRun | undefined>(
    (fastest, run) => (fastest === undefined || run.wallMs < fastest.wallMs ? run : fastest),
    undefined,
  );
  const embedkitDone = embedkit?.outcome === 'completed';
  const speedup = embedkitDone && bestPeer ? bestPeer.wallMs / embedkit.wallMs : Number.NaN;
  return {
    id: 'ingest-throughput',
    title: `1. Ingest throughput (${formatNumber(scale.ingestDocuments, 0)} documents, ${formatNumber(totalTokens, 0)} tokens)`,
    columns: ['client', 'wall s', 'of limit', 'requests', '429s', 'retries', 'result'],
    rows,
    targets: [
      {
        target: 'embedkit at ≥90% of the theoretical limit',
        met: embedkitDone ? embedkit.fractionOfLimit >= 0.9 : false,
        detail: embedkitDone
          ? `${formatNumber(100 * embedkit.fractionOfLimit, 0)}% (${formatNumber(embedkit.wallMs / 1000, 1)} s against ${formatNumber(best.bestMs / 1000, 1)} s)`
          : `embedkit ${embedkit?.outcome ?? 'did not run'}`,
      },
      {
        target: 'embedkit ≥2× faster than the best peer that completes',
        met: bestPeer === undefined ? undefined : speedup >= 2,
        detail:
          bestPeer === undefined
            ? 'no peer completed'
            : `${formatNumber(speedup, 2)}× the fastest completed peer (${labelOf(bestPeer.client)}, ${formatNumber(bestPeer.wallMs / 1000, 1)} s)`,
      },
    ],
    notes: [
      `Simulator: ${ingestService.maxInputsPerRequest} inputs and ${ingestService.maxTokensPerInput} tokens per input per request; ${ingestService.requestsPerMinute} requests and ${formatNumber(ingestService.tokensPerMinute, 0)} tokens per "minute", ${ingestService.concurrentRequests} concurrent requests (Jina's free tier), latency ${ingestService.fixedLatencyMs} ms + ${ingestService.perTokenLatencyMs} ms/token; time compressed ${formatNumber(1 / ingestService.timeScale, 0)}× (a minute lasts ${ingestService.minuteMs / 1000} s).`,
      `Theoretical best ${formatNumber(best.bestMs / 1000, 1)} s, bound by ${best.binding} (tokens ${formatNumber(best.tokenBoundMs / 1000, 1)} s, requests ${formatNumber(best.requestBoundMs / 1000, 1)} s, concurrency × latency ${formatNumber(best.concurrencyBoundMs / 1000, 1)} s). "of limit" = best ÷ wall time.`,
      `Each client ran in its own process against a fresh simulator process, capped at ${formatNumber(scale.ingestCapMs / 1000, 0)} s. Retries: reported by embedkit itself; for the others, rejected requests of a run that completed (each was re-sent).`,
      ...clientIds.map((id) => `${labelOf(id)}: ${settingsOf(id)}.`),
    ],
    data: { totalTokens, best, runs },
  };
}
