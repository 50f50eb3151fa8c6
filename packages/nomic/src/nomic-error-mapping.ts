import {
  ApiCallError,
  type EmbedkitError,
  type HttpErrorDetails,
  statusToError,
} from '@embedkit/core';

/**
 * Maps Nomic's FastAPI error answers: a 422 (`detail: [{ loc, msg, type }]`, which core already
 * words as `body.field: message`) becomes a non-retryable `ApiCallError` that says to check the
 * model and settings; the rest by status (401/403 → `AuthenticationError`, 429 → `RateLimitError`
 * honouring a `Retry-After` when sent, 5xx retried).
 */
export function mapNomicError(
  details: HttpErrorDetails,
  context: { model: string; authHint: string },
): EmbedkitError {
  if (details.status === 422) {
    return new ApiCallError({
      provider: 'nomic',
      status: 422,
      providerCode: details.providerCode,
      requestId: details.requestId,
      bodyExcerpt: details.bodyExcerpt,
      isRetryable: false,
      message: `nomic answered 422 (invalid request) for ${context.model}: ${details.message}. Check the model id (nomic-embed-text-v1, nomic-embed-text-v1.5) and settings.`,
    });
  }
  return statusToError('nomic', details, context.authHint);
}
