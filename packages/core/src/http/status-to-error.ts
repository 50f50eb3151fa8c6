import { ApiCallError } from '../errors/api-call-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { BatchTooLargeError } from '../errors/batch-too-large-error.js';
import type { EmbedkitError } from '../errors/embedkit-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { HttpErrorDetails } from './http-error-details.js';

/**
 * Maps an HTTP error status to core's typed errors: 401/403 → `AuthenticationError` (never
 * retried), 429 → `RateLimitError` (retried, honouring the server's wait), 408/409/5xx →
 * retryable `ApiCallError`, 413 → `BatchTooLargeError` (the runner splits the batch and sends the
 * halves), everything else (400, 404, 422, …) → `ApiCallError` that is not retried.
 */
export function statusToError(
  provider: string,
  details: HttpErrorDetails,
  authHint?: string,
): EmbedkitError {
  const common = {
    provider,
    status: details.status,
    providerCode: details.providerCode,
    requestId: details.requestId,
    bodyExcerpt: details.bodyExcerpt,
    retryAfterMs: details.retryAfterMs,
  };
  const code = details.providerCode ? ` [${details.providerCode}]` : '';
  const request = details.requestId ? ` (request id ${details.requestId})` : '';
  const said = `${provider} answered ${details.status}${code}: ${details.message}${request}`;
  if (details.status === 401 || details.status === 403) {
    const hint =
      details.status === 401
        ? (authHint ?? 'Check the API key.')
        : 'The key is valid but not allowed to do this (balance, plan or permissions).';
    return new AuthenticationError({ ...common, message: `${said}. ${hint}` });
  }
  if (details.status === 429) {
    return new RateLimitError({
      ...common,
      message: `${said}. Rate limited; retries wait and lower concurrency.`,
    });
  }
  if (details.status === 413) {
    return new BatchTooLargeError({
      ...common,
      message: `${said}. The request body was too large; the batch is split in half and retried.`,
    });
  }
  return new ApiCallError({ ...common, message: said });
}
