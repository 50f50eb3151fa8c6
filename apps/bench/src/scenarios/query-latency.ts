import type { BenchScale, ScenarioResult } from '../harness/scenario-result.js';

export async function queryLatency(
  _scale: BenchScale,
  _python: string,
  _log: (line: string) => void,
): Promise<ScenarioResult> {
  return {
    id: 'query-latency',
    title: 'query-latency',
    columns: [],
    rows: [],
    targets: [],
    notes: ['not implemented yet'],
    data: {},
  };
}
