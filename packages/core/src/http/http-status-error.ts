import type { EmbedkitError } from '../errors/embedkit-error.js';
import { excerpt } from './excerpt.js';
import { type HttpErrorDetails, readErrorBody } from './http-error-details.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { redactSecrets } from './redact-secrets.js';
import { statusToError } from './status-to-error.js';

export interface HttpStatusErrorOptions {
  /** Provider id, for the message. */
  provider: string;
  status: number;
  /** Response headers (`Retry-After`, `retry-after-ms` are read from them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The response body as received; JSON error bodies are read for a message and a code. */
  bodyText: string;
  /** Values that must never appear in the error (the API key). */
  secrets?: readonly (string | undefined)[];
  /** Sentence appended to 401 errors, e.g. which environment variable to set. */
  authHint?: string;
  /** Provider-specific mapping tried before the status mapping (see `PostJsonOptions.mapError`). */
  mapError?: (details: HttpErrorDetails) => EmbedkitError | undefined;
}

/**
 * The typed error for an HTTP error answer, from its status, headers and body: what `postJson`
 * throws, available to code whose HTTP call is made by someone else's client (the AI SDK and
 * LangChain bridges), so a 429 from any client is a `RateLimitError` with the server's wait, a
 * 401 an `AuthenticationError`, and so on. Secrets are redacted from the message and excerpt.
 */
export function httpStatusError(options: HttpStatusErrorOptions): EmbedkitError {
  const { bodyText: text, status } = options;
  const redact = (value: string) => redactSecrets(value, options.secrets ?? []);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const fromBody = readErrorBody(body);
  const details: HttpErrorDetails = {
    status,
    message: redact(fromBody.message ?? describeNonJson(text, status)),
    providerCode: fromBody.providerCode,
    requestId: fromBody.requestId,
    body,
    bodyExcerpt: redact(excerpt(text)),
    headers: options.headers,
    retryAfterMs: parseRetryAfter(options.headers),
  };
  return options.mapError?.(details) ?? statusToError(options.provider, details, options.authHint);
}

function describeNonJson(text: string, status: number): string {
  const trimmed = text.trim();
  if (trimmed === '') return `an empty body`;
  if (/^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return `an HTML page${title ? ` titled "${title}"` : ''} (a proxy or gateway error, status ${status})`;
  }
  return excerpt(trimmed, 200);
}
