import { EmbedkitError, StoreError } from '@embedkit/core';

/** The store kind used in configs, error messages and `StoreError.store`. */
export const sqliteStoreKind = 'sqlite-vec';

/**
 * Runs one database call and turns what SQLite throws into a `StoreError` that says what was
 * being done and where; embedkit errors pass through. A lock still held by another connection
 * after the busy timeout (`SQLITE_BUSY`) is retryable.
 */
export function callSqlite<T>(action: string, location: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (EmbedkitError.isInstance(error)) throw error;
    const code = String((error as { code?: unknown } | null)?.code ?? '');
    const detail = error instanceof Error ? error.message : String(error);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new StoreError({
        store: sqliteStoreKind,
        message: `Could not ${action}: ${location} stayed locked by another connection longer than the busy timeout (${detail}). Retry, or raise busyTimeoutMs.`,
        isRetryable: true,
        cause: error,
      });
    }
    throw new StoreError({
      store: sqliteStoreKind,
      message: `Could not ${action} in ${location}: ${detail}`,
      cause: error,
    });
  }
}
