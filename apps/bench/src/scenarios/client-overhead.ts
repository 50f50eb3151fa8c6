import { clientCatalog, clientLabel } from '../clients/client-catalog.js';
import { measureClient } from '../clients/measure-client.js';
import type { BenchScale, Cell, ScenarioResult, TargetCheck } from '../harness/scenario-result.js';
import { formatNumber } from '../report-table.js';
import { startSimulatorProcess } from '../simulator/simulator-handle.js';
import { syntheticCorpus } from '../synthetic-corpus.js';
import { measured } from './canned-runs.js';

/**
 * The clients of the client-overhead scenario, in order. Any catalog id works (each runs as an
 * `ingest` task against a simulator without limits or latency).
 */
export const overheadClientIds: readonly string[] = [
  'embedkit',
  'embedkit-float',
  'langchain',
  'chroma',
  'vercel-ai',
  'llamaindex',
  'pymilvus',
];

/**
 * Scenario: what each client costs its own process per input. A Jina simulator with no limits
 * and no latency runs in another process (its work is not counted), so the client's CPU time
 * (user + system of its process, from `process.cpuUsage` or Python's `time.process_time`) around
 * one embed call over the corpus is all client work: planning and serialising requests, HTTP,
 * parsing and decoding answers, retries' bookkeeping. Each client runs as configured for ingest,
 * in a fresh process, cold (no warm-up call), as a one-off ingest job runs.
 */
export async function clientOverhead(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const corpusOptions = {
    documents: scale.overheadDocuments,
    minTokens: 20,
    maxTokens: 200,
    seed: 31_031,
  };
  const corpus = syntheticCorpus(corpusOptions);
  // The smoke run keeps to embedkit's two wire formats and one peer.
  const clientIds =
    process.env.BENCH_CLIENTS?.split(',') ??
    (scale.quick ? overheadClientIds.slice(0, 3) : overheadClientIds);
  const simulator = await startSimulatorProcess({ maxInputsPerRequest: 2048 });
  const perInput: Record<string, number> = {};
  const warmPerInput: Record<string, number> = {};
  const rows: Record<string, Cell>[] = [];
  try {
    for (const clientId of clientIds) {
      const outcome = await measureClient(
        {
          clientId,
          kind: 'ingest',
          simulatorUrl: simulator.url,
          apiKey: simulator.apiKey,
          corpus: corpusOptions,
          repeat: true,
        },
        { timeoutMs: scale.quick ? 30_000 : 60_000, python },
      );
      const result = measured(outcome);
      if ('problem' in result) {
        rows.push({
          client: clientLabel(clientId),
          'cold µs / input': '—',
          result: result.problem,
        });
        log(`overhead: ${clientId} ${result.problem}`);
        continue;
      }
      const { measurement } = result;
      perInput[clientId] = (1000 * measurement.cpuMs) / corpus.texts.length;
      if (measurement.warmCpuMs !== undefined) {
        warmPerInput[clientId] = (1000 * measurement.warmCpuMs) / corpus.texts.length;
      }
      rows.push({
        client: clientLabel(clientId),
        'cold µs / input': perInput[clientId]!,
        'warm µs / input': warmPerInput[clientId] ?? '—',
        'cold wall s': measurement.wallMs / 1000,
        result: 'completed',
      });
      log(
        `overhead: ${clientId} ${formatNumber(perInput[clientId]!, 0)} µs CPU per input cold, ${formatNumber(warmPerInput[clientId] ?? Number.NaN, 0)} warm`,
      );
    }
  } finally {
    await simulator.close();
  }
  const lowest = (figures: Record<string, number>, name: string): TargetCheck => {
    const embedkit = figures.embedkit;
    const cheapestOther = Object.entries(figures)
      .filter(([id]) => id !== 'embedkit')
      .reduce<[string, number] | undefined>(
        (best, entry) => (best === undefined || entry[1] < best[1] ? entry : best),
        undefined,
      );
    return {
      target: `embedkit: the lowest CPU per input of all clients (${name})`,
      met:
        embedkit === undefined || cheapestOther === undefined
          ? undefined
          : embedkit < cheapestOther[1],
      detail:
        embedkit === undefined
          ? 'embedkit did not complete'
          : cheapestOther === undefined
            ? 'no other client completed'
            : `embedkit ${formatNumber(embedkit, 0)} µs per input; the cheapest other client, ${clientLabel(cheapestOther[0])}, ${formatNumber(cheapestOther[1], 0)} µs (${formatNumber(cheapestOther[1] / embedkit, 2)}×)`,
    };
  };
  return {
    id: 'client-overhead',
    title: `Client overhead (${formatNumber(corpus.texts.length, 0)} documents, ${formatNumber(corpus.totalTokens, 0)} tokens; no limits, no latency)`,
    columns: ['client', 'cold µs / input', 'warm µs / input', 'cold wall s', 'result'],
    rows,
    targets: [lowest(perInput, 'cold, first call'), lowest(warmPerInput, 'warm, second call')],
    notes: [
      `CPU is the client process’ user + system time around one embed call over all ${formatNumber(corpus.texts.length, 0)} documents (20–200 tokens, 1,024-dim vectors), divided by the documents. Cold: the first call of a fresh process (module loading excluded, first-call compilation and lazy loading included), as a one-off ingest job pays; warm: a second, identical call in the same process, as a long-running service pays. The simulator (its own process, no limits, no latency) answers every request; clients keep the ingest scenario’s settings, and the corpus fits in one rate-limit window, so pacing never waits.`,
      ...clientIds.map((id) => `${clientLabel(id)}: ${clientCatalog[id]?.settings ?? ''}.`),
    ],
    data: { documents: corpus.texts.length, tokens: corpus.totalTokens, perInput, warmPerInput },
  };
}
