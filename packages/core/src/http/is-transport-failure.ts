/**
 * Codes of failures in the connection itself (Node's system errors and undici's socket and
 * timeout errors): the server could not be reached, or the connection broke or stalled before a
 * whole answer arrived. Repeating such a call may succeed.
 */
const transportCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENETRESET',
  'EADDRNOTAVAIL',
  'EPROTO',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/**
 * Whether `error` is a transport failure (see `transportCodes`), looking through `cause` and an
 * `AggregateError`'s errors (Node reports a refused dual-stack connect as one). Anything else
 * thrown while sending a request (a `TypeError` from a bad argument, undici's
 * `UND_ERR_INVALID_ARG` for a malformed header, an invalid URL) is a mistake in the calling
 * code, which no retry can fix.
 */
export function isTransportFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && transportCodes.has(code)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isTransportFailure(inner, depth + 1))) {
    return true;
  }
  return isTransportFailure(cause, depth + 1);
}
