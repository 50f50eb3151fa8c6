import { clientLabel } from '../clients/client-catalog.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { formatNumber } from '../report-table.js';
import { measured, runAgainstCannedServer } from './canned-runs.js';

/**
 * Scenario 2: client CPU time (user + system, of the client's own process) to turn responses
 * into vectors, per million floats. The server answers instantly from pre-serialised bodies, so
 * the figure is the client's HTTP read, JSON parse and vector decode.
 */
export async function decodeCost(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const runs = await runAgainstCannedServer('decode', scale.decodeDocuments, {
    python,
    quick: scale.quick,
    timeoutMs: 120_000,
    log,
  });
  const perMillion: Record<string, number> = {};
  const rows = runs.map(({ clientId, outcome }): Record<string, Cell> => {
    const result = measured(outcome);
    if ('problem' in result) {
      return { client: clientLabel(clientId), 'CPU ms / M floats': '—', result: result.problem };
    }
    const { measurement } = result;
    perMillion[clientId] = measurement.cpuMs / (measurement.floats / 1e6);
    return {
      client: clientLabel(clientId),
      'CPU ms / M floats': perMillion[clientId]!,
      'wall s': measurement.wallMs / 1000,
      floats: measurement.floats,
      result: 'completed',
    };
  });
  const base64 = perMillion.embedkit;
  const float = perMillion['embedkit-float'];
  const ratio = base64 !== undefined && float !== undefined ? float / base64 : Number.NaN;
  return {
    id: 'decode-cost',
    title: `2. Decode cost (${formatNumber(scale.decodeDocuments, 0)} vectors of 1,024 floats)`,
    columns: ['client', 'CPU ms / M floats', 'wall s', 'floats', 'result'],
    rows,
    targets: [
      {
        target: 'base64 path ≥5× less CPU than float JSON',
        met: Number.isNaN(ratio) ? undefined : ratio >= 5,
        detail: Number.isNaN(ratio)
          ? 'an embedkit run failed'
          : `float JSON costs ${formatNumber(ratio, 1)}× the base64 path (${formatNumber(float!, 0)} against ${formatNumber(base64!, 0)} ms per million floats)`,
      },
    ],
    notes: [
      'CPU is the client process’ user + system time around one embed call over all documents (after a warm-up call), divided by the floats returned; the server is a canned Jina endpoint in another process that answers from pre-serialised bodies (float JSON or base64, as requested), so its work is not counted.',
      'Peers request float JSON (none of them can decode base64); pymilvus builds float64 numpy arrays from JSON lists.',
    ],
    data: { perMillion, runs },
  };
}
