import {
  ApiCallError,
  AuthenticationError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
  statusToError,
} from '@embedkit/core';

/**
 * Refusals that mean "this request is too big": the per-request token cap ("The max allowed tokens
 * per submitted batch is 120000. Your batch has 121138 tokens after truncation."), the 1,000-input
 * list cap, and an input over the context with `truncation: false`.
 */
const tooLargePattern =
  /max allowed tokens per submitted batch|maximum (allowed )?length of the list|list .*at most \d+|exceeds? the context length|too many tokens/i;

/**
 * Maps a Voyage error answer (`{ detail }`) to core's typed errors:
 * - 400 "too many tokens / too many inputs / over the context" → `BatchTooLargeError`, so the
 *   runner halves the batch and names a single input that still fails;
 * - other 400s → a non-retryable `ApiCallError` quoting the detail;
 * - 403 → `AuthenticationError` saying Voyage refuses this IP address (its documented cause);
 * - everything else by status (401 → `AuthenticationError`, 429 → `RateLimitError`, 5xx retried).
 */
export function mapVoyageError(
  details: HttpErrorDetails,
  context: { model: string; authHint?: string },
): EmbedkitError {
  const common = {
    provider: 'voyage',
    status: details.status,
    requestId: details.requestId,
    bodyExcerpt: details.bodyExcerpt,
  };
  const { status, message } = details;
  if ((status === 400 || status === 413 || status === 422) && tooLargePattern.test(message)) {
    return new BatchTooLargeError({
      ...common,
      message: `voyage refused the request as too large: ${message}`,
    });
  }
  if (status === 400 || status === 422) {
    return new ApiCallError({
      ...common,
      message: `voyage answered ${status} (invalid request) for ${context.model}: ${message}. Fix the settings or inputs named above.`,
    });
  }
  if (status === 403) {
    return new AuthenticationError({
      ...common,
      message: `voyage answered 403: ${message}. Voyage refuses requests from some IP addresses; call it from another network or address.`,
    });
  }
  return statusToError('voyage', details, context.authHint);
}
