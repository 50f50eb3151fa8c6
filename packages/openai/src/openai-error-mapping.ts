import {
  ApiCallError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
  statusToError,
} from '@embedkit/core';
import { rateLimitResetMs, requestIdFrom } from './openai-rate-limit-headers.js';

/** The documented OpenAI error body, `{ error: { message, type, param, code } }`. */
interface OpenAIErrorBody {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
}

/**
 * Refusals that mean "this request is too big", from OpenAI and from servers that copy its API:
 * 300,000 tokens per request, the 8,192-token context, the 2,048-input cap, a server's batch size.
 */
const tooLargePatterns = [
  /max_tokens_per_request/i,
  /tokens per request/i,
  /maximum context length/i,
  /too many inputs/i,
  /maximum (allowed )?batch size/i,
  /batch size \d+ > maximum/i,
  /input (is )?too long/i,
  /context_length_exceeded/i,
];

/**
 * Maps an OpenAI-style error response to core's typed errors:
 * - too many tokens or inputs (400 `max_tokens_per_request`, context length, 413) →
 *   `BatchTooLargeError`, so the batch runner splits the batch in half;
 * - 429 `insufficient_quota` → a non-retryable `ApiCallError` (waiting does not buy credit);
 * - 429 otherwise → `RateLimitError`, waiting for `retry-after(-ms)` or the `x-ratelimit-reset-*`
 *   time of the exhausted budget;
 * - 401/403 → `AuthenticationError`; 404 → names the model or deployment; the rest by status.
 * The request id comes from the body or the `x-request-id` / `apim-request-id` header.
 */
export function mapOpenAIError(
  details: HttpErrorDetails,
  context: { provider: string; model: string; authHint: string; azure: boolean },
): EmbedkitError {
  const body = openaiErrorBody(details.body);
  const enriched: HttpErrorDetails = {
    ...details,
    requestId: details.requestId ?? requestIdFrom(details.headers),
    retryAfterMs:
      details.retryAfterMs ??
      (details.status === 429 ? rateLimitResetMs(details.headers) : undefined),
  };
  const common = {
    provider: context.provider,
    status: enriched.status,
    providerCode: enriched.providerCode,
    requestId: enriched.requestId,
    bodyExcerpt: enriched.bodyExcerpt,
  };
  const request = enriched.requestId ? ` (request id ${enriched.requestId})` : '';
  const searchable = [body.code, body.type, enriched.message].filter(Boolean).join(' ');

  if (
    enriched.status === 413 ||
    ((enriched.status === 400 || enriched.status === 422) &&
      tooLargePatterns.some((pattern) => pattern.test(searchable)))
  ) {
    return new BatchTooLargeError({
      ...common,
      message: `${context.provider} refused the request as too large (${enriched.status}): ${enriched.message}${request}`,
    });
  }
  if (body.code === 'insufficient_quota' || body.type === 'insufficient_quota') {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `${context.provider} answered 429 [insufficient_quota]: ${enriched.message}${request}. The account is out of credit or over its monthly budget; waiting will not help — check the plan and billing.`,
    });
  }
  if (enriched.status === 404) {
    const what = context.azure
      ? 'Check azure.endpoint and azure.deployment (the deployment name, not the model name, goes in the URL) and that apiVersion exists.'
      : `Check that model "${context.model}" exists on this server and the key's project may use it, and that baseURL ends at the API root (…/v1).`;
    return new ApiCallError({
      ...common,
      message: `${context.provider} answered 404${enriched.providerCode ? ` [${enriched.providerCode}]` : ''}: ${enriched.message}${request}. ${what}`,
    });
  }
  return statusToError(context.provider, enriched, context.authHint);
}

function openaiErrorBody(body: unknown): OpenAIErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const record = error as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    message: text(record.message),
    type: text(record.type),
    code: text(record.code),
    param: text(record.param),
  };
}
