import {
  AbortError,
  type AddDocumentsOptions,
  type DocumentInput,
  type EmbeddingSpace,
  InvalidInputError,
  type VectorStore,
} from '@embedkit/core';
import type { ChunkingConfig } from '../config/cli-config-schema.js';
import { createChunker } from './chunk-text.js';
import { chunkId, createDocumentHasher } from './document-hash.js';
import { readSourceDocuments, type SourceDocument } from './read-source-documents.js';
import type { ReadTextOptions } from './read-text-file.js';
import type { DocumentPlan, ScanResult } from './scan-sources.js';

/** Counters shown by the progress display and the final summary. */
export interface IndexStats {
  documents: number;
  /** Documents found already stored and unchanged. */
  skipped: number;
  /** Documents to embed this run. */
  pendingDocuments: number;
  /** Documents embedded and stored this run. */
  storedDocuments: number;
  /** Chunks to embed this run, and chunks stored so far. */
  pendingChunks: number;
  storedChunks: number;
  tokens: number;
  /** Stale chunks removed because a document got shorter. */
  deletedChunks: number;
}

export interface IndexDocumentsOptions extends ReadTextOptions {
  store: VectorStore;
  scan: ScanResult;
  chunking: ChunkingConfig;
  space: EmbeddingSpace;
  /** Chunks per pipeline step; default from the embedding function's limits. */
  batchSize?: number;
  /** Chunks handed to the store per call (a few pipeline steps). */
  windowSize: number;
  /** Stops before the next store call: the soft stop of a first Ctrl-C. */
  stop?: AbortSignal;
  /** Aborts the call in flight too. */
  signal?: AbortSignal;
  onProgress?: (stats: IndexStats) => void;
  /** Told of each failed provider attempt that is retried, as it happens. */
  onRetry?: AddDocumentsOptions['onRetry'];
  /** Called after each store call, e.g. to checkpoint a store kept in memory. */
  afterWrite?: () => Promise<void>;
}

interface Row extends DocumentInput {
  id: string;
}

/**
 * The second pass: streams each pending document's chunks to the store in bounded windows, so a
 * document may span several store calls and memory does not grow with its size. Resume and
 * de-duplication rest on two rules. A document is complete when its chunk 0 is stored with the
 * current content hash and chunk count, and chunk 0 is written last (after every other chunk and
 * after stale chunks of a longer old version are removed), so an interruption leaves the document
 * pending. A pending document's chunks already stored with the current hash are not embedded
 * again, so a re-run after Ctrl-C continues where it stopped.
 *
 * With a late-chunking embedding (chunk vectors depend on the whole document) a document's chunks
 * travel together as one group and are always embedded together.
 */
export async function indexDocuments(options: IndexDocumentsOptions): Promise<IndexStats> {
  const { store, scan } = options;
  const grouped = store.embedding.chunkContext === 'document';
  const stats: IndexStats = {
    documents: scan.documents,
    skipped: 0,
    pendingDocuments: 0,
    storedDocuments: 0,
    pendingChunks: 0,
    storedChunks: 0,
    tokens: 0,
    deletedChunks: 0,
  };
  const report = () => options.onProgress?.({ ...stats });
  const { pending, previousCounts } = await findPendingDocuments(store, scan.plans);
  for (const plans of pending) {
    for (const plan of plans) {
      stats.pendingDocuments++;
      stats.pendingChunks += plan.chunkCount;
    }
  }
  stats.skipped = scan.documents - stats.pendingDocuments;
  report();

  let window: Row[][] = [];
  let windowRows = 0;
  /** Per group in the window: whether it ends with a document's chunk 0 (its completion). */
  let completions: boolean[] = [];
  const writeWindow = async () => {
    if (windowRows === 0) return;
    if (options.stop?.aborted || options.signal?.aborted) throw stopped(stats);
    const groups = window;
    const ends = completions;
    window = [];
    completions = [];
    windowRows = 0;
    const before = { ...stats };
    const groupEnds: number[] = [];
    for (const group of groups) groupEnds.push((groupEnds.at(-1) ?? 0) + group.length);
    const call = {
      batchSize: options.batchSize,
      signal: options.signal,
      onRetry: options.onRetry,
      onProgress: (progress: { stored: number; tokens: number }) => {
        stats.tokens = before.tokens + progress.tokens;
        stats.storedChunks = before.storedChunks + progress.stored;
        stats.storedDocuments =
          before.storedDocuments +
          groupEnds.filter((end, index) => ends[index] && end <= progress.stored).length;
        report();
      },
    };
    if (grouped) await store.addDocumentGroups(groups, call);
    else await store.addDocuments(groups.flat(), call);
    await options.afterWrite?.();
  };
  const add = async (rows: Row[], completes: boolean) => {
    if (rows.length === 0) return;
    window.push(rows);
    completions.push(completes);
    windowRows += rows.length;
    if (windowRows >= options.windowSize) await writeWindow();
  };

  /** Removes the chunks a longer stored version of the document had beyond its new length. */
  const removeStale = async ({ plan, stale }: DocumentState) => {
    if (stale <= plan.chunkCount) return;
    const ids: string[] = [];
    for (let chunk = plan.chunkCount; chunk < stale; chunk++) ids.push(chunkId(plan.key, chunk));
    await store.delete({ ids });
    stats.deletedChunks += ids.length;
  };
  /**
   * Chunks waiting for the "already stored?" lookup, across documents, in order; a document's
   * chunk 0 follows its other chunks as its completion marker and is always written.
   */
  let lookup: { row: Row; document: DocumentState; marker: boolean }[] = [];
  const flushLookup = async () => {
    const entries = lookup;
    lookup = [];
    if (entries.length === 0) return;
    const ids = entries.filter((entry) => !entry.marker).map((entry) => entry.row.id);
    const found = new Map(
      ids.length === 0
        ? []
        : (await store.get(ids)).map((stored) => [stored.id, stored.metadata] as const),
    );
    let missing: Row[] = [];
    for (const { row, document, marker } of entries) {
      if (!marker) {
        // Chunks already stored with this content hash (an interrupted run) stay as they are.
        const metadata = found.get(row.id);
        document.stale = Math.max(document.stale, Number(metadata?.chunks ?? 0));
        if (metadata?.contentHash === document.plan.contentHash) stats.pendingChunks--;
        else missing.push(row);
        continue;
      }
      await add(missing, false);
      missing = [];
      // Chunks beyond the new length go before the marker, so a stop in between leaves the
      // document pending and the next run removes them.
      await removeStale(document);
      await add([row], true);
    }
    await add(missing, false);
    report();
  };

  for (const [fileIndex, plans] of pending.entries()) {
    if (plans.length === 0) continue;
    const file = scan.files[fileIndex]!;
    let next = 0;
    for await (const document of readSourceDocuments(file, options)) {
      const plan = plans[next];
      if (!plan || plan.ordinal !== document.ordinal) continue;
      next++;
      await storeDocument(document, plan, previousCounts.get(plan.key) ?? 0);
      if (next === plans.length) break;
    }
  }
  await flushLookup();
  await writeWindow();
  return stats;

  async function storeDocument(
    source: SourceDocument,
    plan: DocumentPlan,
    previousCount: number,
  ): Promise<void> {
    const hasher = createDocumentHasher(source.metadata, options.chunking, options.space);
    const chunker = createChunker(options.chunking);
    const document: DocumentState = { plan, stale: previousCount };
    let count = 0;
    let marker: Row | undefined;
    const whole: Row[] = [];
    const take = async (chunks: string[]) => {
      for (const text of chunks) {
        const index = count++;
        const row: Row = {
          id: chunkId(plan.key, index),
          text,
          metadata: {
            ...source.metadata,
            source: source.source,
            document: plan.key,
            chunk: index,
            chunks: plan.chunkCount,
            contentHash: plan.contentHash,
          },
        };
        if (grouped) whole.push(row);
        else if (index === 0) marker = row;
        else {
          lookup.push({ row, document, marker: false });
          if (lookup.length >= 1000) await flushLookup();
        }
      }
    };
    for await (const piece of source.text) {
      hasher.update(piece);
      await take(chunker.push(piece));
    }
    await take(chunker.end());
    if (hasher.digest() !== plan.contentHash || count !== plan.chunkCount) {
      throw new InvalidInputError({
        message: `${plan.location} changed while it was being indexed; run the command again once it is written.`,
      });
    }
    if (grouped) {
      // Late chunking: the document is embedded whole, as one group, stale chunks removed first.
      await removeStale(document);
      await add(whole, true);
      return;
    }
    lookup.push({ row: marker!, document, marker: true });
    if (lookup.length >= 1000) await flushLookup();
  }
}

/** A document being stored: its plan, and the chunk count its stored version had. */
interface DocumentState {
  plan: DocumentPlan;
  stale: number;
}

/** The soft stop: what was stored stays, the rest waits for the next run. */
function stopped(stats: IndexStats): AbortError {
  return new AbortError({
    message: `Stopped after ${stats.storedChunks} of ${stats.pendingChunks} chunks were stored; run the same command again to continue.`,
  });
}

/**
 * Which documents need storing: those whose chunk 0 (written last) is missing or stored with
 * another content hash or chunk count. Also returns, per pending document, the chunk count its
 * stored version had, so chunks a shorter new version no longer has can be removed.
 */
async function findPendingDocuments(
  store: VectorStore,
  plans: readonly (readonly DocumentPlan[])[],
): Promise<{ pending: DocumentPlan[][]; previousCounts: Map<string, number> }> {
  const pending: DocumentPlan[][] = plans.map(() => []);
  const previousCounts = new Map<string, number>();
  const all = plans.flat();
  const lookupSize = 1000;
  for (let start = 0; start < all.length; start += lookupSize) {
    const group = all.slice(start, start + lookupSize);
    const found = new Map(
      (await store.get(group.map((plan) => chunkId(plan.key, 0)))).map(
        (row) => [row.id, row.metadata] as const,
      ),
    );
    for (const plan of group) {
      const marker = found.get(chunkId(plan.key, 0));
      if (marker?.contentHash === plan.contentHash && marker.chunks === plan.chunkCount) continue;
      pending[plan.fileIndex]!.push(plan);
      if (marker) previousCounts.set(plan.key, Number(marker.chunks ?? 0));
    }
  }
  return { pending, previousCounts };
}
