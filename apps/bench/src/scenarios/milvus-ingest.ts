import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeededRandom, shuffled } from '@embedkit/testing/seeded-random';
import { type ChildOutcome, runChild } from '../harness/child-process.js';
import type { BenchScale, Cell, ScenarioResult } from '../harness/scenario-result.js';
import { startBenchMilvus } from '../milvus/bench-milvus.js';
import { milvusIngestRows } from '../milvus/milvus-ingest-rows.js';
import type { MilvusInsertMeasurement, MilvusInsertTask } from '../milvus/milvus-insert-worker.js';
import { runPythonScript } from '../python/python-script.js';
import { formatNumber } from '../report-table.js';

/** Rows per upsert request: embedkit's default `insertBatchRows`, given to pymilvus too. */
const batchRows = 1000;

const inserters = [
  {
    id: 'embedkit',
    label: 'embedkit addVectors (direct write path, default)',
    settings:
      'createMilvusStore({ fullText: false }) (dense only), defaults otherwise: columns encoded straight from the Float32Array vectors and sent on the SDK client’s channel, upserts of ≤1,000 rows / ≤16 MiB one at a time; one addVectors call with every row',
  },
  {
    id: 'embedkit-sdk',
    label: "embedkit addVectors (writePath: 'sdk')",
    settings:
      "the same store with writePath: 'sdk': the same upserts handed to the SDK's client.upsert, which converts every float separately; the difference to the row above is what the direct path buys",
  },
  {
    id: 'pymilvus',
    label: 'pymilvus MilvusClient.upsert (Python)',
    settings:
      'python/milvus_store_client.py ingest (shared with the stores scenario): a collection with embedkit’s dense-only schema (VarChar id of 512 bytes, 1,024-dim float vector with AUTOINDEX/COSINE, VarChar text of 65,535 bytes, JSON metadata, Strong consistency), one upsert per 1,000 rows',
  },
] as const;

type InserterId = (typeof inserters)[number]['id'];

/** Seed of repetition `repetition`'s inserter order; printed with the order. */
const orderSeed = (repetition: number) => 17_000 + repetition;

/**
 * Milvus ingest: rows per second upserting the same precomputed 1,024-dim vectors with their
 * text, id and metadata into Milvus Lite. Each inserter runs in its own process against a
 * fresh Milvus Lite server (so no earlier inserter's sealing or index build shares the CPU),
 * in a seeded random order per repetition; the table gives the median and range.
 */
export async function milvusIngest(
  scale: BenchScale,
  python: string,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const only = process.env.BENCH_CLIENTS?.split(',');
  const chosen = inserters.filter((entry) => only?.includes(entry.id) ?? true);
  const rowCount = scale.milvusRows;
  const files = pythonInput(rowCount);
  const runs: {
    repetition: number;
    id: InserterId;
    outcome: ChildOutcome<MilvusInsertMeasurement>;
  }[] = [];
  const orders: string[] = [];
  let serverStartMs = 0;
  try {
    for (let repetition = 1; repetition <= scale.milvusRepetitions; repetition++) {
      const order = shuffled(chosen, createSeededRandom(orderSeed(repetition)));
      orders.push(`${repetition}: ${order.map((entry) => entry.id).join(', ')}`);
      log(
        `milvus: repetition ${repetition}, order ${order.map((entry) => entry.id).join(', ')} (seed ${orderSeed(repetition)})`,
      );
      for (const inserter of order) {
        const started = performance.now();
        const milvus = await startBenchMilvus(python);
        serverStartMs += performance.now() - started;
        try {
          const collection = `bench_${inserter.id.replace(/-/g, '_')}`;
          const timeoutMs = scale.milvusInserterTimeoutMs;
          const outcome =
            inserter.id === 'pymilvus'
              ? await pythonUpsert(python, milvus.address, collection, files, timeoutMs)
              : await runChild<MilvusInsertTask, MilvusInsertMeasurement>(
                  'milvus/milvus-insert-worker.js',
                  { inserter: inserter.id, address: milvus.address, collection, rows: rowCount },
                  { timeoutMs },
                );
          log(`milvus: ${inserter.id} ${outcome.kind}`);
          runs.push({ repetition, id: inserter.id, outcome });
        } finally {
          await milvus.discard();
        }
      }
    }
  } finally {
    rmSync(files.directory, { recursive: true, force: true });
  }
  const rates: Partial<Record<InserterId, number[]>> = {};
  const rows = chosen.map((inserter): Record<string, Cell> => {
    const mine = runs.filter((run) => run.id === inserter.id);
    const problems = mine.flatMap(({ outcome }) =>
      outcome.kind === 'ok'
        ? outcome.result.counted === outcome.result.rows
          ? []
          : [`${outcome.result.counted} of ${outcome.result.rows} rows counted`]
        : [
            outcome.kind === 'timedOut'
              ? `did not finish in ${outcome.afterMs / 1000} s`
              : `failed: ${outcome.error}`,
          ],
    );
    const ok = mine.flatMap(({ outcome }) => (outcome.kind === 'ok' ? [outcome.result] : []));
    const rate = ok.map((result) => result.rows / (result.wallMs / 1000));
    const wall = ok.map((result) => result.wallMs / 1000);
    if (problems.length === 0) rates[inserter.id] = rate;
    return {
      inserter: inserter.label,
      'rows/s median': median(rate) ?? '—',
      'rows/s range': rate.length > 0 ? range(rate, 0) : '—',
      'wall s median': median(wall) ?? '—',
      runs: `${ok.length} of ${mine.length}`,
      result: problems.length === 0 ? 'completed, count matches' : problems.join('; '),
    };
  });
  const ratio =
    (median(rates.embedkit ?? []) ?? Number.NaN) / (median(rates.pymilvus ?? []) ?? Number.NaN);
  const sdkRatio =
    (median(rates.embedkit ?? []) ?? Number.NaN) /
    (median(rates['embedkit-sdk'] ?? []) ?? Number.NaN);
  const perRepetition = (rates.embedkit ?? []).map(
    (rate, index) => rate / (rates.pymilvus?.[index] ?? Number.NaN),
  );
  return {
    id: 'milvus-ingest',
    title: `4. Milvus ingest (${formatNumber(rowCount, 0)} precomputed 1,024-dim rows per inserter, ${scale.milvusRepetitions} repetitions, a fresh Milvus Lite server each)`,
    columns: ['inserter', 'rows/s median', 'rows/s range', 'wall s median', 'runs', 'result'],
    rows,
    targets: [
      {
        target: 'Milvus: embedkit ≥1.2× pymilvus, median of 3, same schema and operation',
        met: Number.isNaN(ratio) ? undefined : ratio >= 1.2,
        detail: Number.isNaN(ratio)
          ? 'a run failed'
          : `${formatNumber(ratio, 2)}× pymilvus (median against median; per repetition ${range(perRepetition, 2)}×); the direct path ${formatNumber(sdkRatio, 2)}× embedkit's own writePath 'sdk'`,
      },
    ],
    notes: [
      `Every inserter upserts the same ${formatNumber(rowCount, 0)} rows (id "row-N", a short synthetic text, a seeded random unit vector of 1,024 floats, metadata { row, group }) into a new collection on a Milvus Lite server started for it alone (${formatNumber(serverStartMs / runs.length / 1000, 1)} s per start on average, not timed), in its own process. Timed: the upsert calls only (row building, collection creation and the process start are not). Rates are rows / timed seconds over all rows; nothing is capped.`,
      `Order per repetition (seeded shuffle, seed 17,000 + repetition): ${orders.join('; ')}.`,
      ...chosen.map((inserter) => `${inserter.label}: ${inserter.settings}.`),
    ],
    data: { rowCount, batchRows, orders, rates, runs, serverStartMs },
  };
}

/** The middle value (mean of the two middle ones for an even count); `undefined` when empty. */
function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "min–max" of `values`, formatted. */
function range(values: readonly number[], digits: number): string {
  return `${formatNumber(Math.min(...values), digits)}–${formatNumber(Math.max(...values), digits)}`;
}

interface PythonInput {
  readonly directory: string;
  readonly rowsFile: string;
  readonly vectorsFile: string;
}

/** The rows as `milvus_store_client.py ingest` reads them: JSON ids/texts/metadata, float32 vectors. */
function pythonInput(count: number): PythonInput {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-bench-milvus-rows-'));
  const rows = milvusIngestRows(count);
  const flat = new Float32Array(count * 1024);
  for (const [index, row] of rows.entries()) flat.set(row.vector, index * 1024);
  const rowsFile = join(directory, 'rows.json');
  const vectorsFile = join(directory, 'vectors.f32');
  writeFileSync(
    rowsFile,
    JSON.stringify({
      ids: rows.map((row) => row.id),
      texts: rows.map((row) => row.text),
      metadata: rows.map((row) => row.metadata),
    }),
  );
  writeFileSync(vectorsFile, Buffer.from(flat.buffer));
  return { directory, rowsFile, vectorsFile };
}

async function pythonUpsert(
  python: string,
  address: string,
  collection: string,
  files: PythonInput,
  timeoutMs: number,
): Promise<ChildOutcome<MilvusInsertMeasurement>> {
  const outcome = await runPythonScript<{ rowsStored: number; ingestMs: number }>(
    python,
    'milvus_store_client.py',
    ['ingest', address, collection, files.rowsFile, files.vectorsFile, '1024', String(batchRows)],
    timeoutMs,
  );
  if (outcome.kind !== 'ok') return outcome;
  // The script counts the collection itself and fails when the count differs.
  const { rowsStored, ingestMs } = outcome.result;
  return { kind: 'ok', result: { rows: rowsStored, wallMs: ingestMs, counted: rowsStored } };
}
