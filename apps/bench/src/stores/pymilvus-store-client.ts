import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildOutcome } from '../harness/child-process.js';
import { summarizeLatencies } from '../harness/latency-percentiles.js';
import { waitForIdleProcess } from '../harness/wait-for-idle-process.js';
import { runPythonScript } from '../python/python-script.js';
import {
  type BenchRow,
  type StoreBenchMeasurement,
  searchIdleWaitMaxMs,
} from './store-bench-task.js';

export interface PymilvusRun {
  readonly python: string;
  readonly address: string;
  /** Milvus Lite's process, watched until its index build is done before searches are timed. */
  readonly serverPid?: number;
  readonly ingestCollection: string;
  /** Time searches (of the ingested collection) after the ingest: the last repetition only. */
  readonly search: boolean;
  readonly dimensions: number;
  readonly batchRows: number;
  readonly topK: number;
  readonly levels: readonly number[];
}

interface IngestResult {
  readonly rowsStored: number;
  readonly ingestMs: number;
}

interface SearchResult {
  readonly firstHits: number;
  readonly searchedRows: number;
  readonly levels: readonly {
    concurrency: number;
    latencies: number[];
    elapsedMs: number;
  }[];
}

/**
 * pymilvus on Milvus Lite, in `python/milvus_store_client.py`: ingest `rows` into its own
 * collection (one `upsert` per batch); when `run.search`, wait for the server's index build as
 * the Node clients do, then time searches of that collection. Two Python processes, so the
 * wait sits between them; interpreter start and imports are not timed.
 */
export async function measurePymilvus(
  run: PymilvusRun,
  rows: readonly BenchRow[],
  queries: readonly Float32Array[],
): Promise<StoreBenchMeasurement> {
  const directory = mkdtempSync(join(tmpdir(), 'embedkit-bench-pymilvus-'));
  try {
    const rowsFile = join(directory, 'rows.json');
    const vectorsFile = join(directory, 'vectors.f32');
    const queriesFile = join(directory, 'queries.f32');
    writeFileSync(
      rowsFile,
      JSON.stringify({
        ids: rows.map((row) => row.id),
        texts: rows.map((row) => row.text),
        metadata: rows.map((row) => row.metadata),
      }),
    );
    writeFileSync(
      vectorsFile,
      flatten(
        rows.map((row) => row.vector),
        run.dimensions,
      ),
    );
    writeFileSync(queriesFile, flatten(queries, run.dimensions));
    const ingested = settled(
      await runPythonScript<IngestResult>(
        run.python,
        'milvus_store_client.py',
        [
          'ingest',
          run.address,
          run.ingestCollection,
          rowsFile,
          vectorsFile,
          String(run.dimensions),
          String(run.batchRows),
        ],
        600_000,
      ),
    );
    const ingest = {
      rowsStored: ingested.rowsStored,
      ingestMs: ingested.ingestMs,
      capped: ingested.rowsStored < rows.length,
    };
    if (!run.search) return ingest;
    if (run.serverPid !== undefined) {
      await waitForIdleProcess(run.serverPid, { maxMs: searchIdleWaitMaxMs, windowMs: 250 });
    }
    const searched = settled(
      await runPythonScript<SearchResult>(
        run.python,
        'milvus_store_client.py',
        [
          'search',
          run.address,
          run.ingestCollection,
          queriesFile,
          String(run.dimensions),
          String(run.topK),
          run.levels.join(','),
        ],
        300_000,
      ),
    );
    return {
      ...ingest,
      search: {
        searchedRows: searched.searchedRows,
        firstHits: searched.firstHits,
        levels: searched.levels.map((level) =>
          summarizeLatencies(level.concurrency, level.latencies, level.elapsedMs),
        ),
      },
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function settled<Result>(outcome: ChildOutcome<Result>): Result {
  if (outcome.kind === 'ok') return outcome.result;
  throw new Error(
    outcome.kind === 'failed'
      ? outcome.error
      : `milvus_store_client.py did not finish in ${outcome.afterMs / 1000} s`,
  );
}

/** Vectors as one little-endian float32 buffer, rows × `dimensions`. */
function flatten(vectors: readonly Float32Array[], dimensions: number): Buffer {
  const flat = new Float32Array(vectors.length * dimensions);
  for (const [index, vector] of vectors.entries()) flat.set(vector, index * dimensions);
  return Buffer.from(flat.buffer);
}
