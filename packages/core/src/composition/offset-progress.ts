import type { EmbedOptions } from '../embedding/embed-options.js';

/**
 * Turns the progress of an inner call that embeds only part of a wrapper's inputs (the cache
 * misses, or what a failed function left to the next one) into progress over the whole call:
 * `alreadyDone` inputs were known before the inner call started, and its completion means all
 * `total` are (texts repeated within the call are filled from one vector). A caller's progress
 * bar thus counts the inputs it passed, never restarting when work moves.
 */
export function offsetProgress(
  onProgress: EmbedOptions['onProgress'],
  alreadyDone: number,
  total: number,
): EmbedOptions['onProgress'] {
  if (!onProgress) return undefined;
  return (progress) =>
    onProgress({
      ...progress,
      done: progress.done === progress.total ? total : alreadyDone + progress.done,
      total,
    });
}
