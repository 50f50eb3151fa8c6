import { clientCatalog, clientLabel } from '../clients/client-catalog.js';
import { measureClient } from '../clients/measure-client.js';
import type { Cell, ScenarioResult, TargetCheck } from '../harness/scenario-result.js';
import { formatNumber } from '../report-table.js';
import {
  ingestSimulatorOptions,
  type ServiceProfile,
  type TheoreticalBest,
  theoreticalBest,
} from '../simulator/ingest-service-config.js';
import { startSimulatorProcess } from '../simulator/simulator-handle.js';
import { type SyntheticCorpusOptions, syntheticCorpus } from '../synthetic-corpus.js';

/** One client's run of an ingest comparison. */
export interface IngestRun {
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

/** What an ingest comparison runs: which service, which corpus, which clients, how long each may take. */
export interface IngestComparison {
  readonly id: string;
  readonly title: string;
  /** The service in words, for the notes (e.g. "Jina's free tier"). */
  readonly serviceName: string;
  readonly service: ServiceProfile;
  readonly corpus: SyntheticCorpusOptions;
  readonly clients: readonly string[];
  readonly capMs: number;
  /** Rows other than embedkit's measured side by side (1: one at a time). */
  readonly parallelRows: number;
  /** How the service was scaled, in words, for the notes. */
  readonly scaling: string;
  readonly targets: (runs: readonly IngestRun[], best: TheoreticalBest) => TargetCheck[];
}

/** Peers' own objects run through an embedkit bridge: embedkit's runner, so not peers. */
export const bridgeClients: ReadonlySet<string> = new Set(['ai-sdk-bridge', 'langchain-bridge']);

/** Whether a client id is a peer library (not embedkit, not a bridge, not the naive loop). */
export const isPeer = (id: string) =>
  !id.startsWith('embedkit') && !bridgeClients.has(id) && id !== 'naive';

/**
 * Runs each client against a fresh simulator process (fresh limits) in its own process, and
 * compares its wall time with the service's theoretical best; requests, 429s and retries come
 * from the simulator's counters (retries from the client where it reports them).
 */
export async function runIngestComparison(
  comparison: IngestComparison,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const corpus = syntheticCorpus(comparison.corpus);
  const documents = corpus.texts.length;
  const best = theoreticalBest(documents, corpus.totalTokens, comparison.service);
  log(
    `${comparison.id}: ${documents} documents, ${formatNumber(corpus.totalTokens, 0)} tokens; theoretical best ${formatNumber(best.bestMs / 1000, 1)} s (${best.binding}), sequential ${formatNumber(best.sequentialMs / 1000, 1)} s`,
  );
  // `BENCH_CLIENTS=embedkit,chroma` limits a run to some clients (for profiling).
  const only = process.env.BENCH_CLIENTS?.split(',');
  const clients = only ? comparison.clients.filter((id) => only.includes(id)) : comparison.clients;
  // embedkit's rows (the targets read them) run alone; the others run `parallelRows` at a time,
  // each against its own simulator process: a rate-limited row mostly waits (about a quarter of
  // one core), so a few side by side leave two cores under-used and cut the scenario's time.
  const alone = clients.filter((id) => id.startsWith('embedkit'));
  const others = clients.filter((id) => !id.startsWith('embedkit'));
  const groups = [
    ...alone.map((id) => [id]),
    ...Array.from({ length: Math.ceil(others.length / comparison.parallelRows) }, (_, index) =>
      others.slice(index * comparison.parallelRows, (index + 1) * comparison.parallelRows),
    ),
  ];
  const byClient = new Map<string, IngestRun>();
  for (const group of groups) {
    const measured = await Promise.all(
      group.map((clientId) => measureRun(comparison, clientId, best, python)),
    );
    for (const run of measured) {
      byClient.set(run.client, run);
      log(
        `${comparison.id}: ${run.client} ${run.outcome} in ${formatNumber(run.wallMs / 1000, 1)} s${group.length > 1 ? ` (beside ${group.filter((id) => id !== run.client).join(', ')})` : ''}`,
      );
    }
  }
  const runs = clients.map((id) => byClient.get(id)!);
  return comparisonResult(comparison, clients, corpus.totalTokens, documents, best, runs);
}

/** One client's run against a fresh simulator process of the comparison's service. */
async function measureRun(
  comparison: IngestComparison,
  clientId: string,
  best: TheoreticalBest,
  python: string,
): Promise<IngestRun> {
  const simulator = await startSimulatorProcess(ingestSimulatorOptions(comparison.service));
  try {
    const outcome = await measureClient(
      {
        clientId,
        kind: 'ingest',
        simulatorUrl: simulator.url,
        apiKey: simulator.apiKey,
        corpus: comparison.corpus,
        limits: comparison.service,
      },
      { timeoutMs: comparison.capMs, python },
    );
    const { stats, cpuMs } = await simulator.stats();
    const requests = stats.requestsByRoute['POST /v1/embeddings'] ?? 0;
    const accepted = stats.statuses[200] ?? 0;
    const measured = outcome.kind === 'ok' ? outcome.result : undefined;
    const completed = measured?.ok === true;
    const wallMs = outcome.kind === 'timedOut' ? outcome.afterMs : (measured?.wallMs ?? Number.NaN);
    return {
      client: clientId,
      outcome: completed ? 'completed' : outcome.kind === 'timedOut' ? 'did not finish' : 'failed',
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
  } finally {
    await simulator.close();
  }
}

/** The fastest completed run among `runs` matching `filter`. */
export function fastest(
  runs: readonly IngestRun[],
  filter: (run: IngestRun) => boolean,
): IngestRun | undefined {
  return runs
    .filter((run) => filter(run) && run.outcome === 'completed')
    .reduce<IngestRun | undefined>(
      (best, run) => (best === undefined || run.wallMs < best.wallMs ? run : best),
      undefined,
    );
}

/** "embedkit at ≥ share of the limit" for one embedkit row. */
export function limitTarget(
  runs: readonly IngestRun[],
  clientId: string,
  share: number,
  best: TheoreticalBest,
  label: string,
): TargetCheck {
  const run = runs.find((candidate) => candidate.client === clientId);
  const done = run?.outcome === 'completed';
  return {
    target: `${label} at ≥${formatNumber(100 * share, 0)}% of the theoretical limit`,
    met: run === undefined ? undefined : done ? run.fractionOfLimit >= share : false,
    detail: done
      ? `${formatNumber(100 * run.fractionOfLimit, 0)}% (${formatNumber(run.wallMs / 1000, 1)} s against ${formatNumber(best.bestMs / 1000, 1)} s)`
      : `${clientLabel(clientId)} ${run?.outcome ?? 'did not run'}`,
  };
}

/**
 * "embedkit ≥ factor × the best tuned peer". When no tuned peer completes within the cap, the
 * ratio is a lower bound: the cap over embedkit's time.
 */
export function tunedPeerTarget(
  runs: readonly IngestRun[],
  factor: number,
  capMs: number,
): TargetCheck {
  const embedkit = runs.find((run) => run.client === 'embedkit');
  const tuned = runs.filter((run) => run.client.endsWith('-tuned'));
  const bestTuned = fastest(tuned, () => true);
  const target = `embedkit ≥${formatNumber(factor, 1)}× the best tuned peer`;
  if (embedkit?.outcome !== 'completed' || tuned.length === 0) {
    return {
      target,
      met: tuned.length === 0 ? undefined : false,
      detail: `embedkit ${embedkit?.outcome ?? 'did not run'}`,
    };
  }
  if (bestTuned === undefined) {
    const bound = capMs / embedkit.wallMs;
    return {
      target,
      met: bound >= factor,
      detail: `no tuned peer finished within the ${formatNumber(capMs / 1000, 0)}-s cap: ≥${formatNumber(bound, 2)}×`,
    };
  }
  const speedup = bestTuned.wallMs / embedkit.wallMs;
  return {
    target,
    met: speedup >= factor,
    detail: `${formatNumber(speedup, 2)}× ${clientLabel(bestTuned.client)} (${formatNumber(bestTuned.wallMs / 1000, 1)} s)`,
  };
}

function comparisonResult(
  comparison: IngestComparison,
  clients: readonly string[],
  totalTokens: number,
  documents: number,
  best: TheoreticalBest,
  runs: IngestRun[],
): ScenarioResult {
  const { service } = comparison;
  const rows = runs.map((run): Record<string, Cell> => {
    const partial = `${formatNumber((100 * run.tokensAccepted) / totalTokens, 0)}% of tokens`;
    const result =
      run.outcome === 'completed'
        ? 'completed'
        : run.outcome === 'did not finish'
          ? `did not finish in ${formatNumber(run.wallMs / 1000, 0)} s (${partial})`
          : `failed after ${formatNumber(run.wallMs / 1000, 1)} s (${partial}): ${run.error ?? ''}`;
    return {
      client: clientLabel(run.client),
      'wall s': run.outcome === 'completed' ? run.wallMs / 1000 : '—',
      'of limit':
        run.outcome === 'completed' ? `${formatNumber(100 * run.fractionOfLimit, 0)}%` : '—',
      requests: run.requests,
      '429s': run.rateLimited,
      retries: run.retries ?? '—',
      result,
    };
  });
  const minute = service.minuteMs / 1000;
  return {
    id: comparison.id,
    title: `${comparison.title} (${formatNumber(documents, 0)} documents, ${formatNumber(totalTokens, 0)} tokens)`,
    columns: ['client', 'wall s', 'of limit', 'requests', '429s', 'retries', 'result'],
    rows,
    targets: comparison.targets(runs, best),
    notes: [
      `Simulator (${comparison.serviceName}): ${service.maxInputsPerRequest} inputs and ${service.maxTokensPerInput} tokens per input per request; ${formatNumber(service.requestsPerMinute, 0)} requests and ${formatNumber(service.tokensPerMinute, 0)} tokens per "minute", ${service.concurrentRequests} concurrent requests; latency ${service.fixedLatencyMs} ms + ${service.perTokenLatencyMs} ms/token${service.latencySigma > 0 ? `, times a log-normal factor (σ ${service.latencySigma}, mean 1: median ${formatNumber(Math.exp(-(service.latencySigma ** 2) / 2), 2)}×, p99 ${formatNumber(Math.exp(2.326 * service.latencySigma - service.latencySigma ** 2 / 2), 1)}×)` : ''}; time compressed ${formatNumber(1 / service.timeScale, 0)}× (a minute lasts ${minute} s). ${comparison.scaling}`,
      `Theoretical best ${formatNumber(best.bestMs / 1000, 1)} s, bound by ${best.binding} (tokens ${formatNumber(best.tokenBoundMs / 1000, 1)} s, requests ${formatNumber(best.requestBoundMs / 1000, 1)} s, concurrency × latency ${formatNumber(best.concurrencyBoundMs / 1000, 1)} s). Sequential bound (one request in flight, fewest requests, mean latency): ${formatNumber(best.sequentialMs / 1000, 1)} s, ${formatNumber((100 * best.bestMs) / best.sequentialMs, 0)}% of the limit. "of limit" = best ÷ wall time.`,
      `Each client ran in its own process against a fresh simulator process, capped at ${formatNumber(comparison.capMs / 1000, 0)} s; embedkit's rows ran alone, the others ${comparison.parallelRows} at a time (each with its own simulator) (a row that did not finish shows the share of tokens the server accepted, not an extrapolation). Retries: reported by the client where it counts them; for the others, rejected requests of a run that completed.`,
      ...clients.map((id) => `${clientLabel(id)}: ${clientCatalog[id]?.settings ?? ''}.`),
    ],
    data: { totalTokens, documents, best, runs },
  };
}
