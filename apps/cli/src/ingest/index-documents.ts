import type { VectorStore } from '@embedkit/core';
import type { PlannedDocument } from './plan-documents.js';
import { chunkId } from './plan-documents.js';

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

export interface IndexDocumentsOptions {
  store: VectorStore;
  documents: readonly PlannedDocument[];
  /** Chunks per pipeline step; default from the embedding function's limits. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (stats: IndexStats) => void;
}

/**
 * Stores documents' chunks, skipping documents whose chunks are all stored with the same content
 * hash and removing chunks a shorter new version no longer has, through the store's
 * `addDocumentGroups` (embedding of the next batch overlaps with writing the current one). An
 * interruption leaves every written batch stored; re-running picks up what is missing.
 */
export async function indexDocuments(options: IndexDocumentsOptions): Promise<IndexStats> {
  const { store, documents } = options;
  const stats: IndexStats = {
    documents: documents.length,
    skipped: 0,
    pendingDocuments: 0,
    storedDocuments: 0,
    pendingChunks: 0,
    storedChunks: 0,
    tokens: 0,
    deletedChunks: 0,
  };
  const report = () => options.onProgress?.({ ...stats });
  const { pending, stale } = await findPendingDocuments(store, documents);
  stats.skipped = documents.length - pending.length;
  stats.pendingDocuments = pending.length;
  stats.pendingChunks = pending.reduce((total, document) => total + document.chunks.length, 0);
  report();

  // Chunks beyond a document's new length go first: if the run stops later, the document is
  // still pending (its chunks' hashes differ), so nothing stale can outlive a re-run.
  const staleIds = pending.flatMap((document) => stale.get(document.key) ?? []);
  if (staleIds.length > 0) {
    await store.delete({ ids: staleIds });
    stats.deletedChunks += staleIds.length;
  }
  // Each document's chunks travel as one group: a late-chunking function (encodeDocumentGroups
  // with chunkContext 'document') embeds each document whole; others batch chunks freely.
  const documentEnds: number[] = [];
  for (const document of pending) {
    documentEnds.push((documentEnds.at(-1) ?? 0) + document.chunks.length);
  }
  await store.addDocumentGroups(
    pending.map((document) =>
      document.chunks.map((text, chunk) => ({
        id: document.ids[chunk]!,
        text,
        metadata: document.metadata[chunk]!,
      })),
    ),
    {
      batchSize: options.batchSize,
      signal: options.signal,
      onProgress: (progress) => {
        stats.tokens = progress.tokens;
        stats.storedChunks = progress.stored;
        stats.storedDocuments = documentEnds.filter((end) => end <= progress.stored).length;
        report();
      },
    },
  );
  return stats;
}

/**
 * Which documents need embedding: those with any chunk missing or stored with another content
 * hash. Also returns, per document, ids of chunks beyond its new length that must go.
 */
async function findPendingDocuments(
  store: VectorStore,
  documents: readonly PlannedDocument[],
): Promise<{ pending: PlannedDocument[]; stale: Map<string, string[]> }> {
  const pending: PlannedDocument[] = [];
  const stale = new Map<string, string[]>();
  const lookupSize = 1000;
  for (let start = 0; start < documents.length; ) {
    const group: PlannedDocument[] = [];
    let ids: string[] = [];
    while (
      start < documents.length &&
      (ids.length === 0 || ids.length + documents[start]!.ids.length <= lookupSize)
    ) {
      const document = documents[start++]!;
      group.push(document);
      ids = ids.concat(document.ids);
    }
    const found = new Map((await store.get(ids)).map((row) => [row.id, row.metadata] as const));
    for (const document of group) {
      const complete = document.ids.every(
        (id) => found.get(id)?.contentHash === document.contentHash,
      );
      if (complete) continue;
      pending.push(document);
      const previousCount = Math.max(
        0,
        ...document.ids.map((id) => Number(found.get(id)?.chunks ?? 0)),
      );
      if (previousCount > document.ids.length) {
        const extra: string[] = [];
        for (let chunk = document.ids.length; chunk < previousCount; chunk++)
          extra.push(chunkId(document.key, chunk));
        stale.set(document.key, extra);
      }
    }
  }
  return { pending, stale };
}
