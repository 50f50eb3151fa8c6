import { AbortError } from './abort-error.js';

/**
 * Fails with core's `AbortError` (the signal's reason as its `cause`) when `signal` has fired, so
 * every embedkit call that is aborted before it starts — an embedding run, a cached call, a store
 * call, a driver's request — throws the one type callers catch, instead of the raw reason
 * `signal.throwIfAborted()` would throw. `message` says what was not started.
 */
export function throwIfAborted(signal: AbortSignal | undefined, message: string): void {
  if (signal?.aborted) throw new AbortError({ message, cause: signal.reason });
}
