import {
  ApiCallError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
  statusToError,
} from '@embedkit/core';

/**
 * Refusals that mean "this request is too big": too many tokens (a request's sum or one input
 * with `truncate: "NONE"`), more than 96 texts, images over the combined size.
 */
const tooLargePattern =
  /too many tokens|must be at most \d+|exceeds? the (maximum|limit)|combined size|too large/i;

/**
 * Maps a Cohere error answer (`{ id, message }`) to core's typed errors:
 * - 400 "too many tokens / at most 96 texts / too large" → `BatchTooLargeError`, so the runner
 *   halves the batch and names a single input that still fails;
 * - 402 (billing limit) → a non-retryable `ApiCallError` saying to fix billing;
 * - 404 → names the model; 498 (deny-listed token in the content) → not retried;
 * - everything else by status (401/403 → `AuthenticationError`, 429 → `RateLimitError`, 5xx
 *   retried), with the body's `id` as the request id.
 */
export function mapCohereError(
  details: HttpErrorDetails,
  context: { model: string; authHint?: string },
): EmbedkitError {
  const id = bodyId(details.body);
  const enriched: HttpErrorDetails = { ...details, requestId: details.requestId ?? id };
  const common = {
    provider: 'cohere',
    status: enriched.status,
    requestId: enriched.requestId,
    bodyExcerpt: enriched.bodyExcerpt,
  };
  const request = enriched.requestId ? ` (request id ${enriched.requestId})` : '';
  const status = enriched.status;
  if (
    (status === 400 || status === 413 || status === 422) &&
    tooLargePattern.test(enriched.message)
  ) {
    return new BatchTooLargeError({
      ...common,
      message: `cohere refused the request as too large: ${enriched.message}${request}`,
    });
  }
  if (status === 400 || status === 422) {
    return new ApiCallError({
      ...common,
      message: `cohere answered ${status} (invalid request) for ${context.model}: ${enriched.message}${request}. Fix the settings or inputs named above.`,
    });
  }
  if (status === 402) {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `cohere answered 402 (payment required): ${enriched.message}${request}. The key's billing limit is reached; waiting will not help — update billing at https://dashboard.cohere.com/billing.`,
    });
  }
  if (status === 404) {
    return new ApiCallError({
      ...common,
      message: `cohere answered 404 for ${context.model}: ${enriched.message}${request}. Check the model id against https://docs.cohere.com/docs/cohere-embed and that baseURL is the API root (without /v2).`,
    });
  }
  if (status === 498) {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `cohere answered 498 (a deny-listed token in the request or response): ${enriched.message}${request}. Change the input; retrying the same text will not help.`,
    });
  }
  return statusToError('cohere', enriched, context.authHint);
}

function bodyId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const id = (body as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
