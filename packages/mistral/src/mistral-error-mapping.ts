import {
  ApiCallError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
  statusToError,
} from '@embedkit/core';

const tooLargePattern =
  /too many (tokens|inputs)|split into more batches|max is \d+ got \d+|tokens per input|more than the \d+ tokens/i;

/**
 * Maps Mistral's error answers to core's typed errors:
 * - 400 "Too many tokens overall / Too many inputs in request, split into more batches" (code
 *   3210, and the older "Too many tokens in batch. Max is 16384 got N") → `BatchTooLargeError`, so
 *   the batch runner halves the batch and names an input that is still refused;
 * - 422 pydantic validation (`message.detail[]`, e.g. `extra_forbidden`) → a non-retryable
 *   `ApiCallError` listing every field and why;
 * - `invalid_model` / 404 → names the model;
 * - the rest by status (401 → `AuthenticationError`, 429 → `RateLimitError` honouring a
 *   `Retry-After` when one is sent; Mistral documents none).
 */
export function mapMistralError(
  details: HttpErrorDetails,
  context: { model: string; authHint: string },
): EmbedkitError {
  const body = (
    typeof details.body === 'object' && details.body !== null ? details.body : {}
  ) as Record<string, unknown>;
  const type = typeof body.type === 'string' ? body.type : undefined;
  const fields = validationProblems(body.message);
  const message = fields.length > 0 ? fields.join('; ') : details.message;
  const enriched: HttpErrorDetails = {
    ...details,
    message,
    providerCode: details.providerCode ?? type,
  };
  const common = {
    provider: 'mistral',
    status: enriched.status,
    providerCode: enriched.providerCode,
    requestId: enriched.requestId,
    bodyExcerpt: enriched.bodyExcerpt,
    retryAfterMs: enriched.retryAfterMs,
  };
  if ((enriched.status === 400 || enriched.status === 413) && tooLargePattern.test(message)) {
    return new BatchTooLargeError({
      ...common,
      message: `mistral refused the request as too large: ${message}`,
    });
  }
  if (enriched.status === 422 && fields.length > 0) {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `mistral answered 422 (invalid request) for ${context.model}: ${message}. Check the model id and settings (embedkit sends only fields a known model accepts).`,
    });
  }
  if (type === 'invalid_model' || enriched.status === 404) {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `mistral answered ${enriched.status}${enriched.providerCode ? ` [${enriched.providerCode}]` : ''}: ${message}. Check that "${context.model}" is an embedding model your key may use (mistral-embed, codestral-embed).`,
    });
  }
  return statusToError('mistral', enriched, context.authHint);
}

/** `message.detail[]` of a 422 as `body.x: Extra inputs are not permitted` lines. */
function validationProblems(message: unknown): string[] {
  const detail =
    typeof message === 'object' && message !== null
      ? (message as { detail?: unknown }).detail
      : undefined;
  if (!Array.isArray(detail)) return [];
  return detail
    .filter(
      (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
    )
    .map(
      (entry) =>
        `${Array.isArray(entry.loc) ? entry.loc.join('.') : '(body)'}: ${String(entry.msg ?? 'invalid')}`,
    );
}
