import {
  AbortError,
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
  await writeWindow();
  return stats;

  async function storeDocument(
    document: SourceDocument,
    plan: DocumentPlan,
    previousCount: number,
  ): Promise<void> {
    const hasher = createDocumentHasher(document.metadata, options.chunking, options.space);
    const chunker = createChunker(options.chunking);
    let count = 0;
    let marker: Row | undefined;
    let lookup: Row[] = [];
    let stale = previousCount;
    const row = (text: string): Row => {
      const index = count++;
      return {
        id: chunkId(plan.key, index),
        text,
        metadata: {
          ...document.metadata,
          source: document.source,
          document: plan.key,
          chunk: index,
          chunks: plan.chunkCount,
          contentHash: plan.contentHash,
        },
      };
    };
    // Chunks already stored with this content hash (an earlier, interrupted run) stay.
    const flushLookup = async () => {
      const rows = lookup;
      lookup = [];
      if (rows.length === 0) return;
      const found = new Map(
        (await store.get(rows.map((candidate) => candidate.id))).map((stored) => [
          stored.id,
          stored.metadata,
        ]),
      );
      const missing: Row[] = [];
      for (const candidate of rows) {
        const metadata = found.get(candidate.id);
        stale = Math.max(stale, Number(metadata?.chunks ?? 0));
        if (metadata?.contentHash === plan.contentHash) {
          stats.pendingChunks--;
        } else {
          missing.push(candidate);
        }
      }
      report();
      await add(missing, false);
    };
    const take = async (chunks: string[]) => {
      for (const text of chunks) {
        const current = row(text);
        if (grouped) {
          lookup.push(current);
          continue;
        }
        if (current.metadata!.chunk === 0) marker = current;
        else {
          lookup.push(current);
          if (lookup.length >= 1000) await flushLookup();
        }
      }
    };
    for await (const piece of document.text) {
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
      const rows = lookup;
      lookup = [];
      await add(rows, true);
    } else {
      await flushLookup();
    }
    // Chunks beyond the new length go before the marker, so a stop in between leaves the
    // document pending and the next run removes them.
    if (stale > plan.chunkCount) {
      const ids: string[] = [];
      for (let chunk = plan.chunkCount; chunk < stale; chunk++) ids.push(chunkId(plan.key, chunk));
      await store.delete({ ids });
      stats.deletedChunks += ids.length;
    }
    if (marker) await add([marker], true);
  }
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
