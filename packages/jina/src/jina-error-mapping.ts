import {
  ApiCallError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
} from '@embedkit/core';

interface JinaFieldError {
  field?: unknown;
  loc?: unknown;
  message?: unknown;
  msg?: unknown;
  type?: unknown;
}

const tooLongPattern =
  /too many tokens|exceeds? the maximum|too long|token limit|maximum context|at most \d+ items/i;

/**
 * Jina-specific error mapping, run before core's status mapping:
 * - "input too long / too many tokens / too many items" (400, 413, 422) → `BatchTooLargeError`,
 *   so the batch runner halves a multi-input batch and names a single input that still fails;
 * - 422 validation errors → a non-retryable `ApiCallError` listing every field and why
 *   (the `errors` list, or FastAPI's `detail` list), since the generic `detail` says nothing;
 * - 400 `INPUT_MODEL_NOT_FOUND` → a message that says to check the model id.
 * Everything else falls through to core (401/403 → `AuthenticationError`, 429 → `RateLimitError`).
 */
export function mapJinaError(details: HttpErrorDetails, model: string): EmbedkitError | undefined {
  const common = {
    provider: 'jina',
    status: details.status,
    providerCode: details.providerCode,
    requestId: details.requestId,
    bodyExcerpt: details.bodyExcerpt,
  };
  const request = details.requestId ? ` (request id ${details.requestId})` : '';
  const fields = fieldErrors(details.body);
  const fieldText = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  const status = details.status;
  if (
    (status === 400 || status === 413 || status === 422) &&
    tooLongPattern.test(`${details.message} ${fieldText}`)
  ) {
    return new BatchTooLargeError({
      ...common,
      message: `jina refused the request as too large: ${fieldText || details.message}${request}`,
    });
  }
  if (status === 422 && fields.length > 0) {
    const extra = fields
      .filter((field) => field.type === 'extra_forbidden')
      .map((field) => field.path);
    const hint = extra.length
      ? ` ${model} does not accept ${extra.join(', ')}; check the model id and settings (embedkit sends only fields a known model accepts).`
      : ' Fix the settings or inputs named above.';
    return new ApiCallError({
      ...common,
      message: `jina answered 422 (invalid request) for ${model}: ${fieldText}.${hint}${request}`,
    });
  }
  if (details.providerCode === 'INPUT_MODEL_NOT_FOUND') {
    return new ApiCallError({
      ...common,
      message: `jina does not know the model "${model}" (400 INPUT_MODEL_NOT_FOUND): ${details.message}. Check the model id against https://jina.ai/models.${request}`,
    });
  }
  return undefined;
}

/** The field list of a 422 body: Jina's `errors: [{field, message, type}]` or FastAPI's `detail`. */
function fieldErrors(body: unknown): { path: string; message: string; type?: string }[] {
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  const list = Array.isArray(record.errors)
    ? record.errors
    : Array.isArray(record.detail)
      ? record.detail
      : [];
  return list
    .filter((entry): entry is JinaFieldError => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      path: Array.isArray(entry.loc) ? entry.loc.join('.') : String(entry.field ?? '(body)'),
      message: String(entry.message ?? entry.msg ?? 'invalid'),
      type: typeof entry.type === 'string' ? entry.type : undefined,
    }));
}
