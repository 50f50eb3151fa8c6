import type { CliContext } from '../cli-context.js';
import { type IndexStats, indexDocuments } from '../ingest/index-documents.js';
import { type PlannedDocument, planDocument } from '../ingest/plan-documents.js';
import { listSourceFiles, readSourceFile } from '../ingest/read-sources.js';
import { createProgressDisplay } from '../output/progress-display.js';

export interface IndexCommandOptions {
  json?: boolean;
  /** Chunks per pipeline step. */
  batchSize?: number;
}

/** `embedkit index <paths…>`: read, chunk, embed and store; unchanged documents are skipped. */
export async function runIndexCommand(
  context: CliContext,
  paths: string[],
  options: IndexCommandOptions,
  signal: AbortSignal,
): Promise<IndexStats> {
  const started = Date.now();
  const files = await listSourceFiles(paths);
  const space = context.embedding.space;
  const documents: PlannedDocument[] = [];
  for (const file of files) {
    for await (const document of readSourceFile(file)) {
      documents.push(planDocument(document, context.config.chunking, space));
    }
  }
  const opened = await context.openStore();
  const display = createProgressDisplay();
  let stats: IndexStats | undefined;
  try {
    stats = await indexDocuments({
      store: opened.store,
      documents,
      batchSize: options.batchSize,
      signal,
      onProgress: (progress) => {
        stats = progress;
        display.update(progress);
      },
    });
  } catch (error) {
    display.stop(stats);
    // Keep what was written (a memory store's file), but report the failure that stopped the
    // ingest: a store that is down fails its flush too, and that second error says less.
    await opened.save().catch(() => {});
    throw error;
  }
  display.stop(stats);
  await opened.save();
  const total = await opened.store.count();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ files: files.length, ...stats, collectionCount: total, seconds: Number(seconds) })}\n`,
    );
  } else {
    process.stdout.write(
      `Indexed ${stats.storedDocuments} documents (${stats.storedChunks} chunks, ${stats.tokens.toLocaleString('en-US')} tokens) from ${files.length} files in ${seconds}s; ${stats.skipped} unchanged documents skipped${stats.deletedChunks ? `, ${stats.deletedChunks} stale chunks removed` : ''}.\nCollection "${opened.store.collection}" (${opened.location}) holds ${total} chunks.\n`,
    );
  }
  return stats;
}
