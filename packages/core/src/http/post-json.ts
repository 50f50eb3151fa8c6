import { type Dispatcher, request } from 'undici';
import type { z } from 'zod';
import { ApiCallError } from '../errors/api-call-error.js';
import type { EmbedkitError } from '../errors/embedkit-error.js';
import { ResponseFormatError } from '../errors/response-format-error.js';
import { coreVersion } from '../package-version.js';
import { excerpt } from './excerpt.js';
import type { HttpErrorDetails } from './http-error-details.js';
import { httpStatusError } from './http-status-error.js';
import { isTransportFailure } from './is-transport-failure.js';
import { parseJsonSliced } from './parse-json-sliced.js';
import { redactSecrets } from './redact-secrets.js';
import { ResponseBodyReader } from './response-body-reader.js';
import { sharedDispatcher } from './shared-dispatcher.js';
import { userAgent } from './user-agent.js';

const defaultUserAgent = userAgent('@embedkit/core', coreVersion);

export interface PostJsonOptions<Schema extends z.ZodType> {
  url: string;
  body: unknown;
  /**
   * Request headers, e.g. `authorization`. A `user-agent` naming `@embedkit/core` and its version
   * is sent unless one is given here (provider packages name themselves); JSON's `content-type`
   * and `accept` are always sent, so none are needed.
   */
  headers?: Record<string, string>;
  /** Validates the 2xx body; only what is used needs to be in it. */
  schema: Schema;
  /** Provider id, for error messages. */
  provider: string;
  signal?: AbortSignal;
  /** A custom dispatcher (proxy, mock, test pool); the shared keep-alive pool otherwise. */
  dispatcher?: Dispatcher;
  /** Size of the shared pool when no dispatcher is given. */
  connections?: number;
  /**
   * Reads the response body into text, reusing one buffer across calls (see
   * `ResponseBodyReader`). Default: the shared pool's reader when no dispatcher is given; with a
   * custom dispatcher, a buffer per response unless a reader is given here.
   */
  bodyReader?: ResponseBodyReader;
  /** Values that must never appear in an error (the API key). */
  secrets?: readonly (string | undefined)[];
  /** Sentence appended to 401 errors, e.g. which environment variable to set. */
  authHint?: string;
  /**
   * Provider-specific mapping that runs before the default one, e.g. to turn "too many tokens"
   * into a `BatchTooLargeError`. Return `undefined` to fall back to the status mapping.
   */
  mapError?: (details: HttpErrorDetails) => EmbedkitError | undefined;
}

export interface PostJsonResult<Data> {
  data: Data;
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * POSTs JSON and returns the validated body. Every failure of the service becomes a typed error:
 * the connection failed or broke (refused, reset, timed out, DNS) → retryable `ApiCallError`; an
 * error status → the mapped class; a 2xx body that is not JSON or not the expected shape →
 * `ResponseFormatError`. Secrets are redacted from every message. A mistake in the calling code
 * (a body `JSON.stringify` refuses, an invalid URL or header value) is thrown as it is, never
 * dressed as a network failure: no retry can fix it, and its own type and stack point at it.
 */
export async function postJson<Schema extends z.ZodType>(
  options: PostJsonOptions<Schema>,
): Promise<PostJsonResult<z.infer<Schema>>> {
  const { provider } = options;
  const redact = (text: string) => redactSecrets(text, options.secrets ?? []);
  const headers = requestHeaders(options.headers ?? {});
  const requestBody = JSON.stringify(options.body);
  const dispatcher = options.dispatcher ?? sharedDispatcher(options.connections ?? 16);
  const bodyReader = options.bodyReader ?? readerOf(dispatcher);
  let response: Dispatcher.ResponseData;
  let text: string;
  try {
    response = await request(options.url, {
      method: 'POST',
      headers,
      body: requestBody,
      signal: options.signal,
      dispatcher,
    });
    text = await bodyReader.readText(response.body);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (!isTransportFailure(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    throw new ApiCallError({
      provider,
      message: redact(
        `Could not complete the request to ${originOf(options.url)}: ${reason}${code ? ` (${code})` : ''}. The connection failed before a complete answer arrived; such failures are retried, so if you see this, check the base URL and the network.`,
      ),
      isRetryable: true,
      cause: error,
    });
  }

  const responseHeaders = response.headers;
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw httpStatusError({
      provider,
      status: response.statusCode,
      headers: responseHeaders,
      bodyText: text,
      secrets: options.secrets,
      authHint: options.authHint,
      mapError: options.mapError,
    });
  }

  let json: unknown;
  try {
    json = parseJsonSliced(text);
  } catch (error) {
    throw new ResponseFormatError({
      provider,
      message: redact(
        `${provider} answered ${response.statusCode} with a body that is not valid JSON (${text.length} bytes, starting "${excerpt(text, 80)}"); it may have been cut off.`,
      ),
      cause: error,
    });
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ResponseFormatError({
      provider,
      message: redact(`${provider} answered with an unexpected body: ${problems}.`),
    });
  }
  return { data: parsed.data, status: response.statusCode, headers: responseHeaders };
}

/** JSON headers plus core's `user-agent`, any of which the caller's headers replace (any case). */
function requestHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': defaultUserAgent,
  };
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (Object.hasOwn(result, lower)) delete result[lower];
    result[name] = value;
  }
  return result;
}

/** The reader a shared pool owns, or a new one (a buffer per response) for any other dispatcher. */
function readerOf(dispatcher: Dispatcher): ResponseBodyReader {
  const owned = (dispatcher as { bodyReader?: unknown }).bodyReader;
  return owned instanceof ResponseBodyReader ? owned : new ResponseBodyReader();
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}
