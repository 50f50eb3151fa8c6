import type { BenchScale, ScenarioResult } from '../harness/scenario-result.js';

export async function memory(
  _scale: BenchScale,
  _python: string,
  _log: (line: string) => void,
): Promise<ScenarioResult> {
  return {
    id: 'memory',
    title: 'memory',
    columns: [],
    rows: [],
    targets: [],
    notes: ['not implemented yet'],
    data: {},
  };
}
