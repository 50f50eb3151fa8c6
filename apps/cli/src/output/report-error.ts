import {
  AbortError,
  AuthenticationError,
  DimensionMismatchError,
  EmbeddingSpaceMismatchError,
  EmbedkitError,
  InvalidConfigError,
  InvalidInputError,
  StoreError,
} from '@embedkit/core';

/** Process exit codes, so scripts can tell failures apart. */
export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  authentication: 3,
  store: 4,
  mismatch: 5,
  interrupted: 130,
} as const;

/** Prints an error for a shell user (no stack unless EMBEDKIT_DEBUG is set) and returns its exit code. */
export function reportError(
  error: unknown,
  stream: NodeJS.WritableStream = process.stderr,
): number {
  const debug = Boolean(process.env.EMBEDKIT_DEBUG);
  const message = error instanceof Error ? error.message : String(error);
  stream.write(`embedkit: ${message}\n`);
  if (debug && error instanceof Error && error.stack) stream.write(`${error.stack}\n`);
  if (AbortError.isInstance(error)) return exitCodes.interrupted;
  if (InvalidConfigError.isInstance(error) || InvalidInputError.isInstance(error))
    return exitCodes.usage;
  if (AuthenticationError.isInstance(error)) return exitCodes.authentication;
  if (DimensionMismatchError.isInstance(error) || EmbeddingSpaceMismatchError.isInstance(error)) {
    return exitCodes.mismatch;
  }
  if (StoreError.isInstance(error)) return exitCodes.store;
  if (EmbedkitError.isInstance(error)) return exitCodes.failure;
  return exitCodes.failure;
}
