import type { ClientMeasurement } from '../clients/client-worker.js';
import { measureClient } from '../clients/measure-client.js';
import type { ChildOutcome } from '../harness/child-process.js';
import { startCannedJinaServer } from '../simulator/canned-jina-server.js';

/** The clients of the decode and memory scenarios, embedkit's two wire formats first. */
export const cannedClientIds = [
  'embedkit',
  'embedkit-float',
  'langchain',
  'chroma',
  'vercel-ai',
  'llamaindex',
  'pymilvus',
];

/**
 * Runs each client, in its own process, over `documents` short documents against the canned
 * Jina server (instant, pre-serialised responses), so what is measured is the client's own
 * work: reading responses, decoding vectors and holding them.
 */
export async function runAgainstCannedServer(
  kind: 'decode' | 'memory',
  documents: number,
  options: {
    python: string;
    timeoutMs: number;
    quick: boolean;
    log: (line: string) => void;
    /** Clients this scenario leaves out of a full run. */
    skip?: readonly string[];
    /** Per-client caps that replace `timeoutMs` (a client known not to finish). */
    timeoutMsOf?: Readonly<Record<string, number>>;
  },
): Promise<{ clientId: string; outcome: ChildOutcome<ClientMeasurement> }[]> {
  const server = await startCannedJinaServer();
  const runs: { clientId: string; outcome: ChildOutcome<ClientMeasurement> }[] = [];
  try {
    // The smoke run keeps to embedkit's two paths and one peer; ingest already loads every peer.
    const quickClients = ['embedkit', 'embedkit-float', 'langchain'];
    const clientIds =
      process.env.BENCH_CLIENTS?.split(',') ??
      (options.quick ? quickClients : cannedClientIds.filter((id) => !options.skip?.includes(id)));
    for (const clientId of clientIds) {
      const outcome = await measureClient(
        {
          clientId,
          kind,
          simulatorUrl: server.url,
          apiKey: 'jina_canned',
          corpus: { documents, minTokens: 20, maxTokens: 20, seed: 7 },
        },
        { timeoutMs: options.timeoutMsOf?.[clientId] ?? options.timeoutMs, python: options.python },
      );
      options.log(`${kind}: ${clientId} ${outcome.kind}`);
      runs.push({ clientId, outcome });
    }
  } finally {
    await server.close();
  }
  return runs;
}

/** The measurement of a run that completed, or the reason it has none. */
export function measured(
  outcome: ChildOutcome<ClientMeasurement>,
): { measurement: ClientMeasurement } | { problem: string } {
  if (outcome.kind === 'timedOut') {
    return { problem: `did not finish in ${Math.round(outcome.afterMs / 1000)} s` };
  }
  if (outcome.kind === 'failed') return { problem: `failed: ${outcome.error}` };
  if (!outcome.result.ok) return { problem: `failed: ${outcome.result.error ?? 'unknown'}` };
  return { measurement: outcome.result };
}
