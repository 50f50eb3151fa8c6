import type { BenchScale, ScenarioResult } from '../harness/scenario-result.js';

export async function decodeCost(
  _scale: BenchScale,
  _python: string,
  _log: (line: string) => void,
): Promise<ScenarioResult> {
  return {
    id: 'decode-cost',
    title: 'decode-cost',
    columns: [],
    rows: [],
    targets: [],
    notes: ['not implemented yet'],
    data: {},
  };
}
