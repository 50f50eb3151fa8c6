import { describeEmbeddingSpace } from '@embedkit/core';
import type { CliContext } from '../cli-context.js';

/** `embedkit info`: the collection, the embedding space it was built with, and its size. */
export async function runInfoCommand(
  context: CliContext,
  options: { json?: boolean },
): Promise<void> {
  const opened = await context.openStore();
  const info = await opened.store.ensureCollection();
  const count = await opened.store.count();
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ store: context.config.store.kind, engine: opened.store.engine ?? opened.store.kind, location: opened.location, ...info, count })}\n`,
    );
    return;
  }
  process.stdout.write(
    [
      `store:      ${String(context.config.store.kind)} (${opened.location})`,
      `engine:     ${opened.store.engine ?? opened.store.kind}`,
      `collection: ${info.name}${info.created ? ' (created now, empty)' : ''}`,
      `embedding:  ${describeEmbeddingSpace(info.space)}`,
      `metric:     ${info.metric}`,
      `count:      ${count}`,
      '',
    ].join('\n'),
  );
}
