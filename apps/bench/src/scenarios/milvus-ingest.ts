import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildOutcome, runChild } from '../harness/child-process.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { startBenchMilvus } from '../milvus/bench-milvus.js';
import type { MilvusInsertMeasurement, MilvusInsertTask } from '../milvus/milvus-insert-worker.js';
import { precomputedRows } from '../milvus/precomputed-rows.js';
import { runPythonScript } from '../python/python-script.js';
import { formatNumber } from '../report-table.js';

const inserters = [
  {
    id: 'embedkit',
    label: 'embedkit createMilvusStore().addVectors',
    settings:
      'fullText false (dense only, like the others), defaults otherwise: direct write path (columns encoded from the Float32Array vectors, sent on the SDK client’s channel), upserts of ≤1,000 rows / ≤16 MiB, one at a time, addVectors per chunk of 10,000 rows (like the others; the store splits each into its own requests)',
  },
  {
    id: 'langchain',
    label: 'LangChain.js Milvus.addVectors',
    settings:
      'addVectors per chunk of 10,000 rows (it sends each call as one insert and then flushes; it has no batching option), textFieldMaxLength 65,535 (otherwise the first chunk fixes the text field’s max_length and a later, longer text fails)',
  },
  {
    id: 'sdk-one-shot',
    label: '@zilliz/milvus2-sdk-node insert (one shot)',
    settings:
      'one insert call with every row (it cannot stop between chunks, so its process is given the cap plus 15 s)',
  },
  {
    id: 'pymilvus',
    label: 'pymilvus MilvusClient.insert (Python)',
    settings:
      'insert per chunk of 10,000 rows (one call with every row exceeds the server’s 64 MiB message limit and pymilvus does not split it)',
  },
] as const;

/**
 * Scenario 4: rows per second inserting precomputed 1,024-dim vectors with their text into one
 * Milvus Lite server, each inserter in its own process and its own collection.
 */
export async function milvusIngest(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const milvus = await startBenchMilvus(python);
  const runs: { id: string; outcome: ChildOutcome<MilvusInsertMeasurement> }[] = [];
  try {
    const only = process.env.BENCH_CLIENTS?.split(',');
    for (const inserter of inserters.filter((entry) => only?.includes(entry.id) ?? true)) {
      const collection = `bench_${inserter.id.replace(/-/g, '_')}_${Date.now()}`;
      const outcome =
        inserter.id === 'pymilvus'
          ? await pythonInsert(python, milvus.address, collection, scale)
          : await runChild<MilvusInsertTask, MilvusInsertMeasurement>(
              'milvus/milvus-insert-worker.js',
              {
                inserter: inserter.id,
                address: milvus.address,
                collection,
                rows: scale.milvusRows,
                capMs: scale.milvusCapMs,
              },
              // The one-shot insert cannot stop between chunks; it gets the cap plus 15 s.
              {
                timeoutMs:
                  inserter.id === 'sdk-one-shot'
                    ? scale.milvusCapMs + 15_000
                    : scale.milvusCapMs + 300_000,
              },
            );
      log(`milvus: ${inserter.id} ${outcome.kind}`);
      runs.push({ id: inserter.id, outcome });
    }
  } finally {
    await milvus.stop();
  }
  const rate: Record<string, number> = {};
  const rows = runs.map(({ id, outcome }): Record<string, Cell> => {
    const label = inserters.find((inserter) => inserter.id === id)!.label;
    if (outcome.kind !== 'ok') {
      const problem =
        outcome.kind === 'timedOut'
          ? `did not finish in ${outcome.afterMs / 1000} s`
          : `failed: ${outcome.error}`;
      return { inserter: label, result: problem };
    }
    const { rows: inserted, wallMs, counted, capped } = outcome.result;
    rate[id] = inserted / (wallMs / 1000);
    const stopped = capped
      ? `stopped at the ${scale.milvusCapMs / 1000}-s cap after ${formatNumber(inserted, 0)} rows`
      : 'completed';
    return {
      inserter: label,
      'rows/s': rate[id]!,
      'wall s': wallMs / 1000,
      'rows counted': counted,
      result: counted === inserted ? stopped : `${stopped}, but ${counted} rows counted`,
    };
  });
  const ratio = (rate.embedkit ?? Number.NaN) / (rate.pymilvus ?? Number.NaN);
  return {
    id: 'milvus-ingest',
    title: `4. Milvus ingest (${formatNumber(scale.milvusRows, 0)} precomputed 1,024-dim vectors with text, Milvus Lite)`,
    columns: ['inserter', 'rows/s', 'wall s', 'rows counted', 'result'],
    rows,
    targets: [
      {
        target: 'embedkit ≥1.0× pymilvus on the same server',
        met: Number.isNaN(ratio) ? undefined : ratio >= 1,
        detail: Number.isNaN(ratio) ? 'a run failed' : `${formatNumber(ratio, 2)}× pymilvus`,
      },
    ],
    notes: [
      `One Milvus Lite ${milvus.version} server for all, started from the bench's virtualenv; each inserter gets a new collection (id, 1,024-dim float vector with AUTOINDEX/COSINE, text) and runs in its own process. Timed: the insert calls only (collection creation and row building excluded where the library separates them). Chunked inserters start no new chunk after ${scale.milvusCapMs / 1000} s; their rate is taken over the rows stored by then.`,
      ...inserters.map((inserter) => `${inserter.label}: ${inserter.settings}.`),
    ],
    data: { rate, runs },
  };
}

async function pythonInsert(
  python: string,
  address: string,
  collection: string,
  scale: BenchScale,
): Promise<ChildOutcome<MilvusInsertMeasurement>> {
  const count = scale.milvusRows;
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
  try {
    const { texts, vectors } = precomputedRows(count);
    const flat = new Float32Array(count * 1024);
    for (const [index, vector] of vectors.entries()) flat.set(vector, index * 1024);
    const vectorsFile = join(directory, 'vectors.f32');
    const textsFile = join(directory, 'texts.json');
    writeFileSync(vectorsFile, Buffer.from(flat.buffer));
    writeFileSync(textsFile, JSON.stringify(texts));
    return await runPythonScript<MilvusInsertMeasurement>(
      python,
      'milvus_insert.py',
      [address, collection, vectorsFile, textsFile, String(scale.milvusCapMs)],
      scale.milvusCapMs + 300_000,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
