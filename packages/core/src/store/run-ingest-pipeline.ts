import { splitBySizes } from '../embedding/document-groups.js';
import type { EmbedOptions } from '../embedding/embed-options.js';
import { type EmbeddingFunction, supportsDocumentGroups } from '../embedding/embedding-function.js';
import { AbortError } from '../errors/abort-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { StoreError } from '../errors/store-error.js';
import type { PreparedDocument } from './prepare-documents.js';
import type { IngestProgress } from './vector-store.js';

export interface IngestPipelineOptions {
  /** Store kind, for error messages. */
  store: string;
  embedding: EmbeddingFunction;
  documents: readonly PreparedDocument[];
  /**
   * Sizes of consecutive groups of `documents` that are chunks of one document: a step never
   * splits a group, and each group is encoded with `encodeDocumentGroups` when the function has
   * it. Without `groups`, every document is independent.
   */
  groups?: readonly number[];
  /** Writes one embedded batch; rows and vectors are aligned. */
  write: (rows: readonly PreparedDocument[], vectors: readonly Float32Array[]) => Promise<void>;
  /** Documents (chunks) embedded per pipeline step; a step holds at least one whole group. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  onRetry?: EmbedOptions['onRetry'];
}

/** The default documents per pipeline step: enough for the provider's parallel calls. */
export function defaultIngestBatchSize(embedding: EmbeddingFunction): number {
  const { maxInputsPerCall, concurrency, supportsParallelCalls } = embedding.limits;
  const perStep = maxInputsPerCall * (supportsParallelCalls ? Math.max(1, concurrency) : 1);
  return Math.min(8192, Math.max(64, perStep));
}

/** One pipeline step: a range of documents and, when grouped, the group sizes inside it. */
interface IngestStep {
  start: number;
  end: number;
  groups: readonly number[] | undefined;
}

/**
 * Embeds step n+1 while step n is written, so the provider and the store work at the same time.
 * Writes happen in order, one at a time. When either side fails, the error says which documents
 * are stored (`StoreError.storedIds`, or `storedIds` added to the embedding error), so re-running
 * the same ingest (ids are deterministic) completes it without duplicates.
 */
export async function runIngestPipeline(options: IngestPipelineOptions): Promise<void> {
  const { documents, embedding } = options;
  const steps = planIngestSteps(
    documents.length,
    options.groups,
    options.batchSize ?? defaultIngestBatchSize(embedding),
  );
  const progress: IngestProgress = { embedded: 0, stored: 0, total: documents.length, tokens: 0 };
  const storedIds: string[] = [];
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const embedStep = async (step: IngestStep) => {
    const rows = documents.slice(step.start, step.end);
    const result = await encodeStep(
      embedding,
      rows.map((row) => row.text),
      step.groups,
      { signal: controller.signal, onRetry: options.onRetry },
    );
    progress.embedded += rows.length;
    progress.tokens += result.tokens;
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
    let next = steps[0] ? embedStep(steps[0]) : undefined;
    next?.catch(() => {});
    for (let index = 0; next; index++) {
      const step = steps[index]!;
      let current: Awaited<ReturnType<typeof embedStep>>;
      try {
        current = await next;
      } catch (error) {
        if (EmbedkitError.isInstance(error)) Object.assign(error, { storedIds: [...storedIds] });
        throw error;
      }
      const following = steps[index + 1];
      next = following ? embedStep(following) : undefined;
      next?.catch(() => {});
      try {
        options.signal?.throwIfAborted();
        await options.write(current.rows, current.vectors);
      } catch (error) {
        // The abort itself (the signal's reason, whatever its type, or a driver's own AbortError)
        // is reported as an abort; a store failure that merely coincided with it is not.
        if (
          options.signal?.aborted &&
          (error === options.signal.reason ||
            AbortError.isInstance(error) ||
            !EmbedkitError.isInstance(error))
        ) {
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
          message: `Writing documents ${step.start}..${step.end - 1} to ${options.store} failed after ${storedIds.length} of ${documents.length} documents were stored: ${sentence(error)} Re-running the same ingest stores the rest without duplicates.`,
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

/** Cuts the documents into steps of about `batchSize`, never splitting a group. */
function planIngestSteps(
  total: number,
  groups: readonly number[] | undefined,
  batchSize: number,
): IngestStep[] {
  const steps: IngestStep[] = [];
  if (!groups) {
    for (let start = 0; start < total; start += batchSize) {
      steps.push({ start, end: Math.min(total, start + batchSize), groups: undefined });
    }
    return steps;
  }
  let start = 0;
  let sizes: number[] = [];
  let count = 0;
  for (const size of groups) {
    if (count > 0 && count + size > batchSize) {
      steps.push({ start, end: start + count, groups: sizes });
      start += count;
      sizes = [];
      count = 0;
    }
    sizes.push(size);
    count += size;
  }
  if (count > 0) steps.push({ start, end: start + count, groups: sizes });
  return steps;
}

/**
 * Encodes one step. Independent documents go through `embedWithUsage` (the function batches
 * them as it sees fit; a late-chunking function sends each alone). Groups go through
 * `encodeDocumentGroups` when the function has it, so a late-chunking function sees each
 * document whole; without it, a group's chunks are independent inputs.
 */
async function encodeStep(
  embedding: EmbeddingFunction,
  texts: readonly string[],
  groups: readonly number[] | undefined,
  { signal, onRetry }: Pick<EmbedOptions, 'signal' | 'onRetry'>,
): Promise<{ vectors: Float32Array[]; tokens: number }> {
  if (groups && supportsDocumentGroups(embedding)) {
    let tokens = 0;
    const vectors = await embedding.encodeDocumentGroups(splitBySizes(texts, groups), {
      signal,
      onRetry,
      onProgress: (progress) => (tokens = progress.tokens),
    });
    return { vectors: vectors.flat(), tokens };
  }
  if (groups && embedding.chunkContext === 'document') {
    throw new NotSupportedError({
      message: `${embedding.provider}/${embedding.model} embeds chunks in the context of their document but has no encodeDocumentGroups, so chunked documents cannot be stored with it; use addDocuments for independent documents.`,
    });
  }
  const result = await embedding.embedWithUsage(texts, { purpose: 'document', signal, onRetry });
  return { vectors: result.vectors, tokens: result.usage.tokens };
}

/** A failure's message as one sentence ending in a full stop, however the driver ended it. */
function sentence(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).trim();
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
