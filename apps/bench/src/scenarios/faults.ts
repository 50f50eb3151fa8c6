import { type FaultKind, simulatedVectors } from '@embedkit/testing';
import { clientCatalog, clientLabel } from '../clients/client-catalog.js';
import { measureClient } from '../clients/measure-client.js';
import { fingerprintKey, vectorFingerprint } from '../clients/vector-fingerprint.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { formatNumber } from '../report-table.js';
import { ingestService, ingestSimulatorOptions } from '../simulator/ingest-service-config.js';
import { startSimulatorProcess } from '../simulator/simulator-handle.js';
import { type SyntheticCorpus, syntheticCorpus } from '../synthetic-corpus.js';

/**
 * The clients of the faults scenario, in order. Any catalog id works (it runs as an `ingest`
 * task, with `faultsAttemptTimeoutMs` where the client has a per-attempt timeout).
 */
export const faultsClientIds: readonly string[] = [
  'embedkit',
  'langchain',
  'chroma',
  'vercel-ai',
  'llamaindex',
  'pymilvus',
];

/**
 * Per-request fault rates (seeded, so every client meets the same sequence by request number):
 * 5xx, which the service refuses before the model runs (not billed), and three faults that
 * destroy an answer the service has billed — a reset after the work, a stall that never answers
 * (past any per-attempt timeout) and a body cut in half.
 */
export const faultRates: Readonly<Partial<Record<FaultKind, number>>> = {
  serverError: 0.1,
  connectionReset: 0.03,
  stall: 0.03,
  truncatedBody: 0.03,
};
const faultSeed = 146;

/**
 * The per-attempt timeout given to clients that have one: about four times the slowest modelled
 * answer (50 ms + 0.01 ms per token: 1.4 s for a 131,072-token call), since the simulator's own
 * work on five such calls at once adds seconds on a loaded 2-core machine. At 3 s, a run at load
 * 2.7 timed out calls that were still being answered and re-sent them (107% own waste).
 */
export const faultsAttemptTimeoutMs = 6_000;

interface FaultsRun {
  readonly client: string;
  readonly outcome: 'completed' | 'failed' | 'did not finish';
  readonly error?: string;
  readonly wallMs: number;
  readonly requests: number;
  readonly retries: number | undefined;
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly returned: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Positions holding another input's vector, or a vector of no input at all. */
  readonly wrong: number;
  readonly billedTokens: number;
  readonly deliveredTokens: number;
  readonly wastedTokens: number;
  readonly lostToFaultsTokens: number;
}

/**
 * Scenario: the corpus through a Jina simulator that injects seeded faults, one client at a time,
 * each against a fresh simulator process. Limits and latency are the ingest scenario's (which the
 * clients are configured for), and the corpus fits in one rate-limit window, so it is the faults
 * that matter. Each client's vectors are checked against what the simulator's deterministic
 * model gives each text: lost inputs (a vector missing), duplicated ones (present twice), wrong
 * positions. Wasted tokens are the simulator's billed tokens — every request admitted to the
 * model, answered or not, including answers lost to a reset, a stall or a truncated body, and work
 * a client abandoned on its own timeout — minus the tokens of the inputs the client returned right.
 */
export async function faults(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const corpusOptions = {
    documents: scale.faultsDocuments,
    minTokens: 20,
    maxTokens: 400,
    seed: 17_017,
  };
  const corpus = syntheticCorpus(corpusOptions);
  log(
    `faults: ${formatNumber(corpus.texts.length, 0)} documents, ${formatNumber(corpus.totalTokens, 0)} tokens`,
  );
  const expected = new ExpectedVectors(corpus);
  // The smoke run keeps to embedkit and one peer; the full run has every client.
  const clientIds =
    process.env.BENCH_CLIENTS?.split(',') ??
    (scale.quick ? faultsClientIds.slice(0, 2) : faultsClientIds);
  const runs: FaultsRun[] = [];
  for (const clientId of clientIds) {
    const simulator = await startSimulatorProcess({
      ...ingestSimulatorOptions(),
      faults: { rates: faultRates, seed: faultSeed },
    });
    try {
      const outcome = await measureClient(
        {
          clientId,
          kind: 'ingest',
          simulatorUrl: simulator.url,
          apiKey: simulator.apiKey,
          corpus: corpusOptions,
          attemptTimeoutMs: faultsAttemptTimeoutMs,
          fingerprints: true,
        },
        { timeoutMs: scale.faultsCapMs, python },
      );
      const { stats, faults: injected } = await simulator.stats();
      const measured = outcome.kind === 'ok' ? outcome.result : undefined;
      const check = expected.check(measured?.fingerprints ?? []);
      const completed = measured?.ok === true;
      const run: FaultsRun = {
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
        wallMs: outcome.kind === 'timedOut' ? outcome.afterMs : (measured?.wallMs ?? Number.NaN),
        requests: stats.requestsByRoute['POST /v1/embeddings'] ?? 0,
        retries: measured?.retries,
        faults: injected,
        ...check,
        billedTokens: stats.billedTokens,
        wastedTokens: stats.billedTokens - check.deliveredTokens,
        lostToFaultsTokens: stats.billedTokensLostToFaults,
      };
      runs.push(run);
      log(
        `faults: ${clientId} ${run.outcome} in ${formatNumber(run.wallMs / 1000, 1)} s, lost ${run.lost}, duplicated ${run.duplicated}, wasted ${formatNumber((100 * run.wastedTokens) / corpus.totalTokens, 1)}%`,
      );
    } finally {
      await simulator.close();
    }
  }
  return faultsResult(scale, corpus, clientIds, runs);
}

/**
 * What each input's vector must be: the simulator's model is deterministic per text and task,
 * so the expected fingerprints are computed here, for the task the client asked for (passage,
 * or none for a client that sends no task), recognised from its first vector.
 */
class ExpectedVectors {
  readonly #corpus: SyntheticCorpus;
  readonly #keysByTask = new Map<string, string[]>();

  constructor(corpus: SyntheticCorpus) {
    this.#corpus = corpus;
  }

  #keys(task: string | undefined): string[] {
    const name = task ?? '';
    let keys = this.#keysByTask.get(name);
    if (keys === undefined) {
      keys = simulatedVectors(this.#corpus.texts, { dimensions: 1024, task }).map((vector) =>
        fingerprintKey(vectorFingerprint(vector)),
      );
      this.#keysByTask.set(name, keys);
    }
    return keys;
  }

  #keysFor(first: string | undefined): string[] {
    const firstText = this.#corpus.texts.slice(0, 1);
    for (const task of ['retrieval.passage', undefined]) {
      const [vector] = simulatedVectors(firstText, { dimensions: 1024, task });
      if (fingerprintKey(vectorFingerprint(vector)) === first) return this.#keys(task);
    }
    return this.#keys('retrieval.passage');
  }

  /** Lost, duplicated and wrong vectors of what a client returned, and the tokens it got right. */
  check(fingerprints: readonly (readonly (number | null)[])[]) {
    const returned = fingerprints.map(fingerprintKey);
    const expected = this.#keysFor(returned[0]);
    const balance = new Map<string, number>();
    for (const key of expected) balance.set(key, (balance.get(key) ?? 0) + 1);
    let wrong = 0;
    let duplicated = 0;
    let deliveredTokens = 0;
    for (const [position, key] of returned.entries()) {
      if (key === expected[position]) deliveredTokens += this.#corpus.tokens[position]!;
      else wrong++;
      const left = balance.get(key);
      if (left === undefined) continue;
      if (left > 0) balance.set(key, left - 1);
      else duplicated++;
    }
    let lost = 0;
    for (const left of balance.values()) lost += left;
    return { returned: returned.length, lost, duplicated, wrong, deliveredTokens };
  }
}

const faultLabels: readonly [FaultKind, string][] = [
  ['serverError', '5xx'],
  ['connectionReset', 'reset'],
  ['stall', 'stall'],
  ['truncatedBody', 'truncated'],
];

function faultsResult(
  scale: BenchScale,
  corpus: SyntheticCorpus,
  clientIds: readonly string[],
  runs: FaultsRun[],
): ScenarioResult {
  const needed = corpus.totalTokens;
  const percent = (tokens: number) => `${formatNumber((100 * tokens) / needed, 1)}%`;
  const rows = runs.map((run): Record<string, Cell> => {
    const result =
      run.outcome === 'completed'
        ? 'completed'
        : run.outcome === 'did not finish'
          ? `did not finish in ${formatNumber(run.wallMs / 1000, 0)} s`
          : `failed after ${formatNumber(run.wallMs / 1000, 1)} s: ${run.error ?? ''}`;
    return {
      client: clientLabel(run.client),
      'wall s': run.outcome === 'completed' ? run.wallMs / 1000 : '—',
      requests: run.requests,
      'faults met': faultLabels.map(([kind, label]) => `${label} ${run.faults[kind]}`).join(', '),
      retries: run.retries ?? '—',
      lost: run.lost,
      duplicated: run.duplicated,
      wrong: run.wrong,
      'billed tokens': run.billedTokens,
      wasted: percent(run.wastedTokens),
      'lost to faults': percent(run.lostToFaultsTokens),
      'own waste': percent(run.wastedTokens - run.lostToFaultsTokens),
      result,
    };
  });
  const embedkit = runs.find((run) => run.client === 'embedkit');
  const done = embedkit?.outcome === 'completed';
  const wastedShare = embedkit ? embedkit.wastedTokens / needed : Number.NaN;
  return {
    id: 'faults',
    title: `Faults (${formatNumber(corpus.texts.length, 0)} documents, ${formatNumber(needed, 0)} tokens; 5xx, resets, stalls, truncated bodies)`,
    columns: [
      'client',
      'wall s',
      'requests',
      'faults met',
      'retries',
      'lost',
      'duplicated',
      'wrong',
      'billed tokens',
      'wasted',
      'lost to faults',
      'own waste',
      'result',
    ],
    rows,
    targets: [
      {
        target: 'embedkit: 0 lost, 0 duplicated inputs',
        met: embedkit === undefined ? undefined : done && embedkit.lost + embedkit.duplicated === 0,
        detail: embedkit
          ? `${embedkit.outcome}; ${embedkit.lost} lost, ${embedkit.duplicated} duplicated, ${embedkit.wrong} wrong of ${formatNumber(corpus.texts.length, 0)}`
          : 'embedkit did not run',
      },
      {
        target: 'embedkit: wasted tokens ≤ 2% of needed',
        met: embedkit === undefined || !done ? undefined : wastedShare <= 0.02,
        detail: embedkit
          ? `${percent(embedkit.wastedTokens)} (${formatNumber(embedkit.wastedTokens, 0)} of ${formatNumber(needed, 0)} tokens), of which ${percent(embedkit.lostToFaultsTokens)} were answers the faults destroyed after the service billed them`
          : 'embedkit did not run',
      },
    ],
    notes: [
      `Simulator: the ingest scenario's service (${ingestService.requestsPerMinute} requests and ${formatNumber(ingestService.tokensPerMinute, 0)} tokens per ${ingestService.minuteMs / 1000}-s "minute", ${ingestService.concurrentRequests} concurrent, 50 ms + 0.01 ms per token), whose limits every client is configured with; the corpus fits in one window, so limits barely bind. Faults per request, seeded (${faultSeed}): ${faultLabels.map(([kind, label]) => `${label} ${formatNumber(100 * (faultRates[kind] ?? 0), 0)}%`).join(', ')}. A stall never answers; clients with a per-attempt timeout get ${formatNumber(faultsAttemptTimeoutMs, 0)} ms (about four times the slowest modelled answer); each client is capped at ${formatNumber(scale.faultsCapMs / 1000, 0)} s.`,
      'Lost / duplicated / wrong: each returned vector is identified by its length and four components against the simulator’s deterministic vector of every corpus text (for the task the client sent); an input whose vector is missing is lost, one present twice is duplicated, a position holding another input’s vector (or none of the corpus’) is wrong. A call that threw returned nothing, so all its inputs count as lost.',
      'Billing (the simulator’s `billedTokens`): every request admitted to the model is billed — past auth, validation, rate limits and an injected 5xx (which cost nothing) — whatever becomes of its answer: delivered, reset, truncated, stalled, or abandoned by a client that timed out or aborted. Wasted = billed − the tokens of the inputs returned right (for a completed run, billed − needed). "Lost to faults" (`billedTokensLostToFaults`) is the billed work whose answer an injected fault destroyed: the waste even a perfect client pays; with per-request faults it averages the destroying faults’ rate, and each one costs the whole batch it hit. "Own waste" = wasted − lost to faults: work the client itself threw away (an attempt abandoned on its own timeout, a whole call re-sent, a duplicate).',
      'Faults strike requests by their order (the same seeded sequence for every client), so a client that sends fewer, bigger requests meets fewer faults, and each destroyed answer costs more of the corpus.',
      ...clientIds.map((id) => `${clientLabel(id)}: ${clientCatalog[id]?.settings ?? ''}.`),
    ],
    data: { neededTokens: needed, faultRates, faultSeed, runs },
  };
}
