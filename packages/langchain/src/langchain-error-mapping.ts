import { ApiCallError, httpStatusError, isTransportFailure } from '@embedkit/core';

type HeaderRecord = Record<string, string | string[] | undefined>;

/**
 * Core's typed error for what a LangChain `Embeddings` threw, so core's runner retries exactly
 * what is retryable: an error carrying an HTTP status (`status`, `statusCode` or
 * `response.status`, as the OpenAI, Cohere and fetch-based clients set them) is mapped by its
 * status, headers (`Retry-After`) and body like any embedkit provider's answer; a connection that
 * failed or timed out is a retryable `ApiCallError`. Anything else (a mistake in the calling code)
 * is returned as it is, and not retried.
 */
export function mapLangChainError(error: unknown, provider: string): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const record = error as Record<string, unknown>;
  const status = statusOf(record);
  if (status !== undefined) {
    return httpStatusError({
      provider,
      status,
      headers: headersOf(record.headers ?? (record.response as Record<string, unknown>)?.headers),
      bodyText: bodyOf(record),
    });
  }
  const name = typeof record.name === 'string' ? record.name : '';
  const className = (error as { constructor?: { name?: string } }).constructor?.name ?? '';
  if (
    isTransportFailure(error) ||
    name === 'TimeoutError' ||
    /^APIConnection(Timeout)?Error$/.test(className)
  ) {
    const message = error instanceof Error ? error.message : String(error);
    return new ApiCallError({
      provider,
      message: `${provider} could not complete a request: ${message}. The connection failed or timed out before an answer arrived; such failures are retried, so if you see this, check the client's base URL and the network.`,
      isRetryable: true,
      cause: error,
    });
  }
  return error;
}

function statusOf(record: Record<string, unknown>): number | undefined {
  const response = record.response as Record<string, unknown> | undefined;
  for (const value of [record.status, record.statusCode, response?.status]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 400) return value;
  }
  return undefined;
}

function headersOf(headers: unknown): HeaderRecord {
  if (headers === undefined || headers === null) return {};
  if (
    typeof (headers as Headers).forEach === 'function' &&
    typeof (headers as Headers).get === 'function'
  ) {
    const result: HeaderRecord = {};
    (headers as Headers).forEach((value, key) => {
      result[key.toLowerCase()] = value;
    });
    return result;
  }
  if (typeof headers === 'object') {
    const result: HeaderRecord = {};
    for (const [key, value] of Object.entries(headers)) {
      if (typeof value === 'string' || Array.isArray(value)) result[key.toLowerCase()] = value;
    }
    return result;
  }
  return {};
}

/** The error body: the parsed `error` of the OpenAI SDK, a `response.data`, or the message. */
function bodyOf(record: Record<string, unknown>): string {
  const response = record.response as Record<string, unknown> | undefined;
  // The OpenAI SDK keeps the body's `error` member; put it back where error bodies have it.
  const body =
    typeof record.error === 'object' && record.error !== null
      ? { error: record.error }
      : (response?.data ?? record.body);
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null) return JSON.stringify(body);
  return typeof record.message === 'string' ? record.message : '';
}
