import {
  ApiCallError,
  AuthenticationError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
  RateLimitError,
  statusToError,
} from '@embedkit/core';

/** Google's error body: `{ error: { code, message, status, details: [{ "@type", … }] } }`. */
interface GoogleError {
  message?: string;
  status?: string;
  details: Record<string, unknown>[];
}

const tooLargePatterns = [
  /at most \d+ requests can be in one batch/i,
  /input token count/i,
  /exceeds the maximum number of tokens/i,
];

/**
 * Maps Google's error answers to core's typed errors:
 * - 400 with `ErrorInfo.reason: API_KEY_INVALID` (a wrong key is a 400, not a 401) and 403
 *   PERMISSION_DENIED → `AuthenticationError`, naming the variable to check;
 * - 429 RESOURCE_EXHAUSTED → `RateLimitError` waiting `RetryInfo.retryDelay` (Google sends the
 *   wait in the body, never as `Retry-After`); a per-day quota → not retried (it resets in hours);
 * - "at most 100 requests" / "input token count … exceeds" → `BatchTooLargeError`, so the batch
 *   runner halves the batch and names an input that is still refused;
 * - 404 → names the model; everything else by status (`error.status` is the provider code).
 */
export function mapGeminiError(
  details: HttpErrorDetails,
  context: { model: string; authHint: string },
): EmbedkitError {
  const google = googleError(details.body);
  const enriched: HttpErrorDetails = {
    ...details,
    providerCode: google?.status ?? details.providerCode,
    retryAfterMs: details.retryAfterMs ?? retryDelayMs(google),
  };
  const common = {
    provider: 'gemini',
    status: enriched.status,
    providerCode: enriched.providerCode,
    requestId: enriched.requestId,
    bodyExcerpt: enriched.bodyExcerpt,
    retryAfterMs: enriched.retryAfterMs,
  };
  const said = `gemini answered ${enriched.status}${enriched.providerCode ? ` [${enriched.providerCode}]` : ''}: ${enriched.message}`;
  const reasons =
    google?.details.map((detail) => detail.reason).filter((reason) => typeof reason === 'string') ??
    [];
  if (reasons.includes('API_KEY_INVALID')) {
    return new AuthenticationError({ ...common, message: `${said}. ${context.authHint}` });
  }
  if (enriched.status === 429) {
    if (quotaIds(google).some((id) => /PerDay/i.test(id))) {
      return new ApiCallError({
        ...common,
        isRetryable: false,
        message: `${said}. This is a per-day quota; it resets in hours, so waiting will not help — raise the tier or spread the work over days.`,
      });
    }
    return new RateLimitError({
      ...common,
      message: `${said}. Rate limited; retries wait the RetryInfo delay and lower concurrency.`,
    });
  }
  if (
    (enriched.status === 400 || enriched.status === 413) &&
    tooLargePatterns.some((pattern) => pattern.test(enriched.message))
  ) {
    return new BatchTooLargeError({
      ...common,
      message: `gemini refused the request as too large: ${enriched.message}`,
    });
  }
  if (enriched.status === 404) {
    return new ApiCallError({
      ...common,
      message: `${said}. Check that "${context.model}" is an embedding model your key may use (models.list) and that baseURL ends at the API root (…/v1beta).`,
    });
  }
  return statusToError('gemini', enriched, context.authHint);
}

function googleError(body: unknown): GoogleError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  return {
    message: typeof record.message === 'string' ? record.message : undefined,
    status: typeof record.status === 'string' ? record.status : undefined,
    details: Array.isArray(record.details)
      ? record.details.filter(
          (detail): detail is Record<string, unknown> =>
            typeof detail === 'object' && detail !== null,
        )
      : [],
  };
}

/** `RetryInfo.retryDelay` (a protobuf duration such as `"37s"` or `"45.837906927s"`) in ms. */
export function retryDelayMs(google: GoogleError | undefined): number | undefined {
  const info = google?.details.find((detail) =>
    String(detail['@type']).endsWith('google.rpc.RetryInfo'),
  );
  const delay = info?.retryDelay;
  if (typeof delay === 'string') {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
    if (match) return Math.ceil(Number(match[1]) * 1000);
  }
  if (typeof delay === 'object' && delay !== null) {
    const { seconds, nanos } = delay as { seconds?: unknown; nanos?: unknown };
    const total = Number(seconds ?? 0) * 1000 + Number(nanos ?? 0) / 1e6;
    if (Number.isFinite(total) && total > 0) return Math.ceil(total);
  }
  return undefined;
}

function quotaIds(google: GoogleError | undefined): string[] {
  const failure = google?.details.find((detail) =>
    String(detail['@type']).endsWith('google.rpc.QuotaFailure'),
  );
  const violations = Array.isArray(failure?.violations) ? failure.violations : [];
  return violations
    .map((violation) => (violation as { quotaId?: unknown }).quotaId)
    .filter((id): id is string => typeof id === 'string');
}
