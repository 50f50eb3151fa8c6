import { defaultIngestBatchSize, InvalidInputError } from '@embedkit/core';
import type { CliContext } from '../cli-context.js';
import { type IndexStats, indexDocuments } from '../ingest/index-documents.js';
import { listSourceFiles, sourceExtensions } from '../ingest/list-source-files.js';
import { scanSources } from '../ingest/scan-sources.js';
import type { SkippedSourceError } from '../ingest/skipped-source-error.js';
import { createProgressDisplay } from '../output/progress-display.js';
import { createRetryWarning } from '../output/retry-warning.js';

export interface IndexCommandOptions {
  json?: boolean;
  /** Chunks per pipeline step. */
  batchSize?: number;
  /** gitignore-style patterns of paths to leave out. */
  exclude?: string[];
  /** `false` (from `--no-gitignore`) reads files a `.gitignore` excludes. */
  gitignore?: boolean;
  /** Keep the later of two documents with one id instead of refusing the run. */
  replaceDuplicates?: boolean;
  /** Decode invalid UTF-8 with U+FFFD instead of refusing the file. */
  allowInvalidUtf8?: boolean;
  /** Every skipped path is an error (exit code 2) instead of a warning. */
  strict?: boolean;
}

/** Summary of an index run, as `--json` prints it. */
export interface IndexSummary extends IndexStats {
  files: number;
  /** Paths skipped with a warning (not regular, binary, unreadable, a loop, a broken link). */
  skippedPaths: number;
  /** Earlier documents replaced by a later one with the same id (`--replace-duplicates`). */
  replacedDuplicates: number;
  /** Invalid UTF-8 sequences decoded as U+FFFD (`--allow-invalid-utf8`). */
  invalidUtf8Sequences: number;
  collectionCount: number;
  seconds: number;
}

/** Pipeline steps handed to the store per call: enough for embedding to overlap writing. */
const stepsPerWindow = 4;

/**
 * `embedkit index <paths…>`: list, check and plan every document first (nothing is embedded if
 * any input is wrong), then stream the pending ones to the store in bounded batches; unchanged
 * documents are skipped. `stop` is the soft stop of a first Ctrl-C (after the current batch),
 * `signal` aborts the call in flight.
 */
export async function runIndexCommand(
  context: CliContext,
  paths: string[],
  options: IndexCommandOptions,
  stop: AbortSignal,
  signal: AbortSignal = stop,
): Promise<IndexSummary> {
  const started = Date.now();
  const listing = await listSourceFiles(paths, {
    exclude: options.exclude,
    gitignore: options.gitignore,
  });
  const warn = (skipped: readonly SkippedSourceError[]) => {
    if (skipped.length === 0) return;
    if (options.strict) {
      const [first] = skipped;
      throw new InvalidInputError({
        message: `${first!.path} cannot be indexed: ${first!.reason}${skipped.length > 1 ? ` (and ${skipped.length - 1} more paths)` : ''}; ${first!.hint}, or leave out --strict to skip it with a warning.`,
      });
    }
    for (const entry of skipped) {
      process.stderr.write(
        `embedkit: warning: skipped ${entry.path}: ${entry.reason}; ${entry.hint}.\n`,
      );
    }
  };
  warn(listing.skipped);
  const readOptions = { allowInvalidUtf8: options.allowInvalidUtf8 ?? false };
  const scan = await scanSources(listing.files, {
    ...readOptions,
    chunking: context.config.chunking,
    space: context.embedding.space,
    replaceDuplicates: options.replaceDuplicates ?? false,
    signal: stop,
  });
  warn(scan.skipped);
  if (scan.documents === 0) throw nothingFound(paths, listing, scan);
  for (const file of scan.filesWithInvalidUtf8) {
    process.stderr.write(
      `embedkit: warning: ${file} is not valid UTF-8; invalid bytes were indexed as U+FFFD (--allow-invalid-utf8).\n`,
    );
  }

  const opened = await context.openStore();
  const display = createProgressDisplay();
  const batchSize = options.batchSize ?? defaultIngestBatchSize(context.embedding);
  // A store kept in memory (the memory store's file) is saved now and then, so a second Ctrl-C
  // (exit at once) loses at most the last few seconds; saving costs at most a tenth of the time.
  let lastSave = Date.now();
  let saveCost = 0;
  const checkpoint = async () => {
    if (opened.store.kind !== 'memory') return;
    if (Date.now() - lastSave < Math.max(2000, 10 * saveCost)) return;
    const saving = Date.now();
    await opened.save();
    lastSave = Date.now();
    saveCost = lastSave - saving;
  };
  let stats: IndexStats | undefined;
  try {
    stats = await indexDocuments({
      ...readOptions,
      store: opened.store,
      scan,
      chunking: context.config.chunking,
      space: context.embedding.space,
      batchSize,
      windowSize: batchSize * stepsPerWindow,
      stop,
      signal,
      afterWrite: checkpoint,
      onRetry: createRetryWarning(),
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
  const seconds = Number(((Date.now() - started) / 1000).toFixed(1));
  const summary: IndexSummary = {
    files: scan.files.length,
    ...stats,
    skippedPaths: listing.skipped.length + scan.skipped.length,
    replacedDuplicates: scan.replaced,
    invalidUtf8Sequences: scan.invalidSequences,
    collectionCount: total,
    seconds,
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const notes = [
      `${stats.skipped} unchanged documents skipped`,
      stats.deletedChunks ? `${stats.deletedChunks} stale chunks removed` : '',
      scan.replaced
        ? `${scan.replaced} duplicate ids replaced by a later document (--replace-duplicates)`
        : '',
      summary.skippedPaths ? `${summary.skippedPaths} paths skipped (see the warnings above)` : '',
      scan.invalidSequences
        ? `${scan.invalidSequences} invalid UTF-8 sequences replaced with U+FFFD in ${scan.filesWithInvalidUtf8.length} files`
        : '',
    ].filter((note) => note !== '');
    process.stdout.write(
      `Indexed ${stats.storedDocuments} documents (${stats.storedChunks} chunks, ${stats.tokens.toLocaleString('en-US')} tokens) from ${scan.files.length} files in ${seconds.toFixed(1)}s; ${notes.join('; ')}.\nCollection "${opened.store.collection}" (${opened.location}) holds ${total} chunks.\n`,
    );
  }
  return summary;
}

/** "0 documents": which paths and extensions were looked at, and what was found instead. */
function nothingFound(
  paths: readonly string[],
  listing: Awaited<ReturnType<typeof listSourceFiles>>,
  scan: Awaited<ReturnType<typeof scanSources>>,
): InvalidInputError {
  const looked = `${paths.join(', ')} (extensions ${[...sourceExtensions].join(', ')})`;
  const found: string[] = [];
  if (listing.files.length > 0) {
    found.push(
      `${listing.files.length} matching files, ${scan.skipped.length} of them skipped and ${scan.empty} without text`,
    );
  }
  if (listing.otherExtensions.size > 0) {
    const others = [...listing.otherExtensions]
      .sort((left, right) => right[1] - left[1])
      .slice(0, 5)
      .map(([extension, count]) => `${count} ${extension}`)
      .join(', ');
    found.push(`other files only: ${others}`);
  }
  if (listing.ignored > 0)
    found.push(`${listing.ignored} files left out by --exclude or .gitignore`);
  if (listing.skipped.length > 0) found.push(`${listing.skipped.length} paths skipped`);
  return new InvalidInputError({
    message: `No documents to index in ${looked}: ${found.length > 0 ? found.join('; ') : 'nothing there'}. Check the path, or convert the files to .txt, .md or .jsonl.`,
  });
}
