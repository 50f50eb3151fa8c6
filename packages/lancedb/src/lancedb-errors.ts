import { EmbedkitError, StoreError } from '@embedkit/core';

/** The store kind used in configs, error messages and `StoreError.store`. */
export const lanceStoreKind = 'lancedb';

/**
 * Runs one LanceDB call and turns what it throws into a `StoreError` that says what was being
 * done and where (LanceDB's message kept, its Rust source locations dropped); embedkit errors
 * pass through. Commit conflicts and I/O failures (another writer, a flaky object store) are
 * retryable.
 */
export async function callLance<T>(
  action: string,
  location: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (EmbedkitError.isInstance(error)) throw error;
    const detail = readableLanceMessage(error);
    throw new StoreError({
      store: lanceStoreKind,
      message: `Could not ${action} in LanceDB at ${location}: ${detail}`,
      isRetryable: /conflict|retryable|timed out|timeout|i\/o error|connection/i.test(detail),
      cause: error,
    });
  }
}

/** LanceDB's message without the `, /usr/local/cargo/…rs:12:34` locations and repeated causes. */
function readableLanceMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split(/\s+Caused by:/)[0] ?? message;
  return first.replace(/,?\s*\/[^\s,]*\.rs:\d+:\d+/g, '').trim();
}
