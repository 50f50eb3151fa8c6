import { EmbedkitError, StoreError } from '@embedkit/core';

/** SQLSTATE classes and Node error codes that mean the server was not reached or went away. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/**
 * Runs one database call and turns whatever it throws into a typed error that says what was
 * being done and where. Embedkit errors pass through; connection failures (and SQLSTATE class
 * 08) are retryable `StoreError`s. Messages carry the server's text, never a bound value.
 */
export async function callDatabase<T>(
  store: string,
  action: string,
  location: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(error, store, action, location);
  }
}

export function toStoreError(
  error: unknown,
  store: string,
  action: string,
  location: string,
): EmbedkitError {
  if (EmbedkitError.isInstance(error)) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  if (unavailableCodes.has(code) || code.startsWith('08')) {
    return new StoreError({
      store,
      message: `Could not ${action}: PostgreSQL at ${location} did not answer (${detail}). Check that the server is running and the connection string is right.`,
      isRetryable: true,
      cause: error,
    });
  }
  return new StoreError({
    store,
    message: `Could not ${action} on ${location}: ${detail}${code ? ` (SQLSTATE ${code})` : ''}`,
    cause: error,
  });
}
