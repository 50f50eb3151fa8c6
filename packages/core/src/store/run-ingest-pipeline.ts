import type { EmbeddingFunction } from '../embedding/embedding-function.js';
import { AbortError } from '../errors/abort-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { StoreError } from '../errors/store-error.js';
import type { PreparedDocument } from './validate-documents.js';
import type { IngestProgress } from './vector-store.js';

export interface IngestPipelineOptions {
  /** Store kind, for error messages. */
  store: string;
  embedding: EmbeddingFunction;
  documents: readonly PreparedDocument[];
  /** Writes one embedded batch; rows and vectors are aligned. */
  write: (rows: readonly PreparedDocument[], vectors: readonly Float32Array[]) => Promise<void>;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
}

/** The default documents per pipeline step: enough for the provider's parallel calls. */
export function defaultIngestBatchSize(embedding: EmbeddingFunction): number {
  const { maxInputsPerCall, concurrency, supportsParallelCalls } = embedding.limits;
  const perStep = maxInputsPerCall * (supportsParallelCalls ? Math.max(1, concurrency) : 1);
  return Math.min(8192, Math.max(64, perStep));
}

/**
 * Embeds batch n+1 while batch n is written, so the provider and the store work at the same time.
 * Writes happen in order, one at a time. When either side fails, the error says which documents
 * are stored (`StoreError.storedIds`, or `storedIds` added to the embedding error), so re-running
 * the same ingest (ids are deterministic) completes it without duplicates.
 */
export async function runIngestPipeline(options: IngestPipelineOptions): Promise<void> {
  const { documents, embedding } = options;
  const batchSize = options.batchSize ?? defaultIngestBatchSize(embedding);
  const progress: IngestProgress = { embedded: 0, stored: 0, total: documents.length, tokens: 0 };
  const storedIds: string[] = [];
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const embedBatch = async (start: number) => {
    const rows = documents.slice(start, start + batchSize);
    const result = await embedding.embedWithUsage(
      rows.map((row) => row.text),
      { purpose: 'document', signal: controller.signal },
    );
    progress.embedded += rows.length;
    progress.tokens += result.usage.tokens;
    options.onProgress?.({ ...progress });
    return { rows, vectors: result.vectors };
  };

  try {
    await pipeline();
  } finally {
    controller.abort();
    options.signal?.removeEventListener('abort', onAbort);
  }

  async function pipeline(): Promise<void> {
    let next = documents.length > 0 ? embedBatch(0) : undefined;
    next?.catch(() => {});
    for (let start = 0; next; start += batchSize) {
      let current: Awaited<ReturnType<typeof embedBatch>>;
      try {
        current = await next;
      } catch (error) {
        if (EmbedkitError.isInstance(error)) Object.assign(error, { storedIds: [...storedIds] });
        throw error;
      }
      const following = start + batchSize;
      next = following < documents.length ? embedBatch(following) : undefined;
      next?.catch(() => {});
      try {
        options.signal?.throwIfAborted();
        await options.write(current.rows, current.vectors);
      } catch (error) {
        if (options.signal?.aborted && !EmbedkitError.isInstance(error)) {
          throw Object.assign(
            new AbortError({
              message: `Ingest was aborted after ${storedIds.length} of ${documents.length} documents were stored; re-running it stores the rest without duplicates.`,
              cause: options.signal.reason,
            }),
            { storedIds: [...storedIds] },
          );
        }
        throw new StoreError({
          store: options.store,
          message: `Writing documents ${start}..${start + current.rows.length - 1} to ${options.store} failed after ${storedIds.length} of ${documents.length} documents were stored: ${error instanceof Error ? error.message : String(error)}. Re-running the same ingest stores the rest without duplicates.`,
          storedIds,
          isRetryable: EmbedkitError.isInstance(error) ? error.isRetryable : true,
          cause: error,
        });
      }
      for (const row of current.rows) storedIds.push(row.id);
      progress.stored += current.rows.length;
      options.onProgress?.({ ...progress });
    }
  }
}
