import { EmbedkitError, NotSupportedError, StoreError } from '@embedkit/core';

/** The store kind used in error messages and `StoreError.store`. */
export const milvusStoreKind = 'milvus';

/** The `status` object most Milvus SDK calls resolve with instead of throwing. */
export interface MilvusStatus {
  error_code?: string | number;
  code?: number;
  reason?: string;
  retriable?: boolean;
}

/** gRPC codes that mean "the server was not reached or went away": worth retrying later. */
const unavailableGrpcCodes = new Set([4, 14]);

/** Server messages that mean the feature is missing rather than misused. */
const unsupportedPatterns = [
  /not supported/i,
  /unsupported/i,
  /unimplemented/i,
  /not implemented/i,
  /unknown tokenizer/i,
  /unknown function type/i,
];

/** Whether a server message says the server lacks a feature (rather than that the call was wrong). */
export function isUnsupportedReason(reason: string): boolean {
  return unsupportedPatterns.some((pattern) => pattern.test(reason));
}

/**
 * Throws when an SDK status is not a success. The SDK resolves most failed calls with a status
 * instead of rejecting, so every call's status goes through here.
 */
export function checkStatus(status: MilvusStatus | undefined, action: string): void {
  if (status === undefined) return;
  const code = status.error_code;
  if ((code === undefined || code === 'Success' || code === 0) && !status.code) return;
  const reason = status.reason || `error code ${String(code)}`;
  throw new StoreError({
    store: milvusStoreKind,
    message: `Milvus refused to ${action}: ${reason}`,
    isRetryable: status.retriable === true,
  });
}

/**
 * Runs one SDK call and turns whatever it throws into a typed error that says what was being done.
 * Embedkit errors pass through unchanged; gRPC "unavailable" and deadline errors become retryable
 * `StoreError`s that name the address.
 */
export async function callMilvus<T>(
  action: string,
  place: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(error, action, place);
  }
}

/**
 * Wraps an unknown failure of an SDK call as a `StoreError` (embedkit errors pass through).
 * `place` says where the call went, as a user knows it: `Milvus at <address>`, or Milvus Lite
 * and its data path (the port of an embedded server means nothing to anyone).
 */
export function toStoreError(error: unknown, action: string, place: string): EmbedkitError {
  if (EmbedkitError.isInstance(error)) return error;
  const grpcCode = (error as { code?: unknown } | null)?.code;
  const detail = describeFailure(error);
  if (typeof grpcCode === 'number' && unavailableGrpcCodes.has(grpcCode)) {
    return new StoreError({
      store: milvusStoreKind,
      message: `Could not ${action}: ${place} did not answer (${detail}). Check that the server is running and the address is right; for a local server call startMilvusLite().`,
      isRetryable: true,
      cause: error,
    });
  }
  return new StoreError({
    store: milvusStoreKind,
    message: `Could not ${action} on ${place}: ${detail}`,
    isRetryable: false,
    cause: error,
  });
}

/** A readable account of what an SDK call threw: an Error, or (some calls) a bare status. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  const reason = (error as MilvusStatus | null)?.reason;
  if (typeof reason === 'string' && reason !== '') return reason;
  return String(error);
}

/** The error for a feature this server or collection lacks, naming both the feature and the fix. */
export function notSupported(feature: string, detail: string, cause?: unknown): NotSupportedError {
  return new NotSupportedError({
    message: `${feature} is not supported by this server: ${detail}`,
    cause,
  });
}
