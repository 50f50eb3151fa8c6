import { describeError, serveChild } from '../harness/child-process.js';
import { routeJinaToSimulator } from '../harness/route-origin-dispatcher.js';
import { ingestService } from '../simulator/ingest-service-config.js';
import type { ServiceLimits } from '../simulator/service-limits.js';
import { type SyntheticCorpusOptions, syntheticCorpus } from '../synthetic-corpus.js';
import type { BenchEmbedder } from './bench-client.js';
import { clientCatalog } from './client-catalog.js';
import { vectorFingerprint } from './vector-fingerprint.js';

/** What the parent asks a client worker to do. */
export interface ClientTask {
  readonly clientId: string;
  readonly kind: 'ingest' | 'decode' | 'memory';
  readonly simulatorUrl: string;
  readonly apiKey: string;
  readonly corpus: SyntheticCorpusOptions;
  /** Passed to the client as `BenchClientContext.attemptTimeoutMs`. */
  readonly attemptTimeoutMs?: number;
  /** Return `vectorFingerprint` of every vector, so the parent can check each one's content. */
  readonly fingerprints?: boolean;
  /** Embed the corpus a second time and report that call's CPU too (`warmCpuMs`). */
  readonly repeat?: boolean;
  /** The service's published limits (ingest kinds); the free tier's when absent. */
  readonly limits?: ServiceLimits;
}

/** What a client worker measured. Times in milliseconds, memory in bytes. */
export interface ClientMeasurement {
  readonly ok: boolean;
  readonly error?: string;
  readonly vectors: number;
  readonly floats: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly retries?: number;
  readonly baselineRss: number;
  readonly peakRss: number;
  readonly heapGrowth: number;
  readonly retainedGrowth: number;
  /** With `fingerprints`: each returned vector's `vectorFingerprint`, in the order returned. */
  readonly fingerprints?: number[][];
  /** With `repeat`: CPU time of the second, warm call over the same corpus. */
  readonly warmCpuMs?: number;
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Child-process entry for one Node client: builds the corpus (not timed), routes Jina's origin
 * to the simulator for clients that hard-code it, warms the client up (decode: one full-size
 * call; memory: one small call), then
 * measures one `embedDocuments` over the corpus: wall time, this process' CPU time, peak RSS
 * and heap growth while the vectors are held.
 */
serveChild<ClientTask, ClientMeasurement>(async (task) => {
  const load = clientCatalog[task.clientId]?.load;
  if (load === undefined) throw new Error(`Unknown Node client "${task.clientId}".`);
  const client = await load();
  routeJinaToSimulator(task.simulatorUrl);
  const { texts } = syntheticCorpus(task.corpus);
  const embedder: BenchEmbedder = await client.create({
    simulatorUrl: task.simulatorUrl,
    apiKey: task.apiKey,
    model: 'jina-embeddings-v3',
    dimensions: 1024,
    rateLimited: task.kind === 'ingest',
    ...(task.attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs: task.attemptTimeoutMs }),
    ...(task.kind === 'ingest' ? { limits: task.limits ?? ingestService } : {}),
  });
  // Decode measures steady-state CPU, so the warm-up is a full-size call (JIT-compiled paths for
  // every response size); memory keeps a small one, as its peak must be the measured call's.
  if (task.kind === 'decode') await embedder.embedDocuments(texts);
  else if (task.kind === 'memory') await embedder.embedDocuments(texts.slice(0, 8));
  collectGarbage();
  const baseline = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let vectors: ArrayLike<number>[] = [];
  let error: string | undefined;
  try {
    vectors = await embedder.embedDocuments(texts);
    checkVectors(vectors, texts.length);
  } catch (caught) {
    error = describeError(caught);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  collectGarbage();
  const after = process.memoryUsage();
  // Read after the collection, so the vectors are still held while memory is measured.
  const floats = vectors.reduce((sum, vector) => sum + vector.length, 0);
  const fingerprints = task.fingerprints ? vectors.map(vectorFingerprint) : undefined;
  let warmCpuMs: number | undefined;
  if (task.repeat && error === undefined) {
    vectors = [];
    collectGarbage();
    const warmBefore = process.cpuUsage();
    await embedder.embedDocuments(texts);
    const warm = process.cpuUsage(warmBefore);
    warmCpuMs = (warm.user + warm.system) / 1000;
  }
  return {
    ok: error === undefined,
    ...(error === undefined ? {} : { error }),
    vectors: vectors.length,
    floats,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...(embedder.retries ? { retries: embedder.retries() } : {}),
    baselineRss: baseline.rss,
    peakRss,
    heapGrowth: after.heapUsed + after.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers,
    retainedGrowth: after.rss - baseline.rss,
    ...(task.fingerprints ? { fingerprints } : {}),
    ...(warmCpuMs === undefined ? {} : { warmCpuMs }),
  };
});

function checkVectors(vectors: ArrayLike<number>[], expected: number): void {
  if (vectors.length !== expected) {
    throw new Error(`Expected ${expected} vectors, got ${vectors.length}.`);
  }
  const wrong = vectors.findIndex((vector) => vector?.length !== 1024);
  if (wrong !== -1) {
    throw new Error(`Vector ${wrong} has ${vectors[wrong]?.length} dimensions, expected 1024.`);
  }
}
