import type { BenchScale, ScenarioResult } from '../harness/scenario-result.js';

export async function milvusIngest(
  _scale: BenchScale,
  _python: string,
  _log: (line: string) => void,
): Promise<ScenarioResult> {
  return {
    id: 'milvus-ingest',
    title: 'milvus-ingest',
    columns: [],
    rows: [],
    targets: [],
    notes: ['not implemented yet'],
    data: {},
  };
}
