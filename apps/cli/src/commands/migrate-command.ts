import {
  type CopyCollectionProgress,
  copyCollection,
  DriverVectorStore,
  describeEmbeddingSpace,
  InvalidConfigError,
  isSameEmbeddingSpace,
  NotSupportedError,
} from '@embedkit/core';
import { createCliContext } from '../cli-context.js';
import { createCopyProgressDisplay } from '../output/copy-progress-display.js';
import { openStore } from '../stores/open-store.js';

export interface MigrateCommandOptions {
  from: string;
  to: string;
  batchSize?: number;
  json?: boolean;
}

/**
 * `embedkit migrate --from a.json --to b.json`: copies the collection of the first config's store
 * into the second config's store — ids, texts, metadata and vectors, without re-embedding.
 * Re-running after an interruption copies only what is missing.
 */
export async function runMigrateCommand(
  options: MigrateCommandOptions,
  signal: AbortSignal,
): Promise<CopyCollectionProgress> {
  const started = Date.now();
  // Closed in reverse order, whatever fails: stores first, then the contexts' embeddings.
  const closers: (() => Promise<void>)[] = [];
  try {
    const from = await createCliContext({ config: options.from });
    closers.push(() => from.close());
    const to = await createCliContext({ config: options.to });
    closers.push(() => to.close());
    if (!isSameEmbeddingSpace(from.embedding.space, to.embedding.space)) {
      throw new InvalidConfigError({
        subject: 'migrate',
        issues: [
          {
            path: 'embedding',
            message: `${options.to} describes ${describeEmbeddingSpace(to.embedding.space)}, but ${options.from} describes ${describeEmbeddingSpace(from.embedding.space)}; a migration keeps the vectors, so give both configs the same "embedding" section`,
          },
        ],
      });
    }
    const source = await from.openStore();
    // The target is built with the source's embedding function, whose space it records.
    const target = await openStore(to.stores, to.config.store, from.embedding);
    closers.push(() => target.close());
    if (
      !(source.store instanceof DriverVectorStore) ||
      !(target.store instanceof DriverVectorStore)
    ) {
      throw new NotSupportedError({
        message: `embedkit migrate copies between stores built on a driver; ${source.store.kind} or ${target.store.kind} is not one.`,
      });
    }
    const display = createCopyProgressDisplay();
    let last: CopyCollectionProgress | undefined;
    const result = await copyCollection(source.store, target.store, {
      batchSize: options.batchSize,
      // The memory store keeps rows only when its file is written: write it after every batch so
      // an interrupted copy keeps what it copied.
      flushEvery: target.store.kind === 'memory' ? 1 : undefined,
      signal,
      onProgress: (progress) => {
        last = progress;
        display.update(progress);
      },
    }).finally(() => display.stop(last));
    const targetCount = await target.store.count();
    const seconds = Number(((Date.now() - started) / 1000).toFixed(1));
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...result, targetCount, seconds })}\n`);
    } else {
      process.stdout.write(
        `Copied ${result.copied} rows from ${source.store.kind} "${source.store.collection}" (${source.location}) to ${target.store.kind} "${target.store.collection}" (${target.location}) in ${seconds}s; ${result.skipped} were already there. The target holds ${targetCount} rows.\n`,
      );
    }
    return result;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}
