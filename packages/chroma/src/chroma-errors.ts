import { EmbedkitError, StoreError } from '@embedkit/core';

/** The store kind used in configs, error messages and `StoreError.store`. */
export const chromaStoreKind = 'chroma';

/** Client error names that mean "try again later": the server was not reached, or is busy. */
const retryableNames = new Set([
  'ChromaConnectionError',
  'ChromaRateLimitError',
  'ChromaServerError',
]);

/**
 * Runs one client call and turns whatever it throws into a typed error that says what was being
 * done and where. Embedkit errors pass through unchanged. The token never appears: the client's
 * messages carry the URL and status only.
 */
export async function callChroma<T>(
  action: string,
  location: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(error, action, location);
  }
}

/** Wraps an unknown failure of a client call as a `StoreError` (embedkit errors pass through). */
export function toStoreError(error: unknown, action: string, location: string): EmbedkitError {
  if (EmbedkitError.isInstance(error)) return error;
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'ChromaConnectionError') {
    return new StoreError({
      store: chromaStoreKind,
      message: `Could not ${action}: the Chroma server at ${location} did not answer. Check that it is running (chroma run --path DIR --port N) and that url is right.`,
      isRetryable: true,
      cause: error,
    });
  }
  if (name === 'ChromaAuthError' || name === 'ChromaForbiddenError') {
    return new StoreError({
      store: chromaStoreKind,
      message: `Could not ${action}: the Chroma server at ${location} refused the credentials (${detail}). Set the variable named by tokenEnv to a valid token, and check tenant and database.`,
      cause: error,
    });
  }
  return new StoreError({
    store: chromaStoreKind,
    message: `Could not ${action} on Chroma at ${location}: ${detail}`,
    isRetryable: retryableNames.has(name),
    cause: error,
  });
}

/** What an aborted Chroma call says: it stopped before it was sent. */
export const chromaCallAborted = 'The Chroma call was aborted before it was sent.';
