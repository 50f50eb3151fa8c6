import type { SimulatorReply } from '../simulators/http-simulator.js';

let requestCounter = 0;

/** A fresh request id, as Jina puts in every error body. */
export function nextRequestId(): string {
  requestCounter++;
  return `sim-${requestCounter.toString(16).padStart(8, '0')}`;
}

/** Jina's error body: `{ detail, code, request_id }`. */
export function jinaError(
  status: number,
  code: string | undefined,
  detail: string,
  headers?: Record<string, string>,
): SimulatorReply {
  return {
    kind: 'json',
    status,
    body: { detail, ...(code ? { code } : {}), request_id: nextRequestId() },
    headers,
  };
}

/** One entry of a 422 body's `errors` list. */
export interface JinaFieldError {
  readonly field: string;
  readonly message: string;
  readonly type: string;
  readonly input?: unknown;
}

/**
 * A 422 validation error. The generic `detail` says only that validation failed; the specifics
 * are in `errors`, as in Jina's documented 422 body, so a client that ignores `errors` gives a
 * useless message (which the provider's tests catch).
 */
export function jinaValidationError(errors: readonly JinaFieldError[]): SimulatorReply {
  return {
    kind: 'json',
    status: 422,
    body: { detail: 'Request validation failed', request_id: nextRequestId(), errors },
  };
}
