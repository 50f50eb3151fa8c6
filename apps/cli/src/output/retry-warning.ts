import { type EmbedRetry, RateLimitError } from '@embedkit/core';

/** Shortest time between two "rate limited, retrying" lines: 429s are routine under load. */
const rateLimitQuietMs = 30_000;

/**
 * Prints a warning line for each failed provider attempt that is retried, as it happens, so a
 * provider that does not answer is reported after one attempt's timeout rather than after every
 * retry (7 attempts of 60 s by default). Rate-limit retries are reported at most every 30 s.
 */
export function createRetryWarning(
  stream: NodeJS.WritableStream = process.stderr,
): (retry: EmbedRetry) => void {
  let lastRateLimit = Number.NEGATIVE_INFINITY;
  return (retry) => {
    if (RateLimitError.isInstance(retry.error)) {
      if (Date.now() - lastRateLimit < rateLimitQuietMs) return;
      lastRateLimit = Date.now();
    }
    const reason = (retry.error instanceof Error ? retry.error.message : String(retry.error))
      .trim()
      .replace(/\s*\n\s*/g, ' ');
    const wait = (retry.delayMs / 1000).toFixed(1);
    stream.write(
      `embedkit: warning: ${/[.!?)]$/.test(reason) ? reason : `${reason}.`} Retrying in ${wait}s (attempt ${retry.attempt + 1} of ${retry.maxAttempts}).\n`,
    );
  };
}
