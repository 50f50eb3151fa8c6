import {
  ApiCallError,
  type EmbedkitError,
  excerpt,
  parseRetryAfter,
  ResponseFormatError,
  readErrorBody,
  redactSecrets,
  sharedDispatcher,
  statusToError,
} from '@embedkit/core';
import { type Dispatcher, request } from 'undici';
import { z } from 'zod';

/** The part of `GET /info` that embedkit uses. */
export const teiInfoSchema = z.object({
  model_id: z.string(),
  max_input_length: z.number().int().positive(),
  max_batch_tokens: z.number().int().positive(),
  max_client_batch_size: z.number().int().positive(),
  auto_truncate: z.boolean().optional(),
  version: z.string().optional(),
});

/** What the server says about itself: model and per-request limits. */
export type TEIInfo = z.infer<typeof teiInfoSchema>;

/**
 * Reads `GET {baseURL}/info`. TEI answers it without auth checks only when no `--api-key` is set,
 * so the bearer token goes along when there is one. Failures are core's typed errors, with the
 * token redacted.
 */
export async function fetchTEIInfo(options: {
  baseURL: string;
  token: string | undefined;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  authHint: string;
}): Promise<TEIInfo> {
  const url = `${options.baseURL.replace(/\/+$/, '')}/info`;
  const secrets = options.token ? [options.token] : [];
  const redact = (text: string) => redactSecrets(text, secrets);
  let status: number;
  let headers: Record<string, string | string[] | undefined>;
  let text: string;
  try {
    const response = await request(url, {
      method: 'GET',
      headers: {
        accept: 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      signal: options.signal,
      dispatcher: options.dispatcher ?? sharedDispatcher(4),
    });
    status = response.statusCode;
    headers = response.headers;
    text = await response.body.text();
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new ApiCallError({
      provider: 'tei',
      message: redact(
        `Could not reach the TEI server at ${url}: ${error instanceof Error ? error.message : String(error)}. Check baseURL and that text-embeddings-router is running.`,
      ),
      isRetryable: true,
      cause: error,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status < 200 || status >= 300) {
    const said = readErrorBody(body);
    const error: EmbedkitError = statusToError(
      'tei',
      {
        status,
        message: redact(said.message ?? `GET /info answered ${status}`),
        body,
        bodyExcerpt: redact(excerpt(text)),
        headers,
        retryAfterMs: parseRetryAfter(headers),
      },
      options.authHint,
    );
    throw error;
  }
  const parsed = teiInfoSchema.safeParse(body);
  if (!parsed.success) {
    throw new ResponseFormatError({
      provider: 'tei',
      message: `GET ${url} did not answer with TEI's /info (model_id, max_input_length, max_batch_tokens, max_client_batch_size): ${excerpt(redact(text), 120)}. Is baseURL a Text Embeddings Inference server?`,
    });
  }
  return parsed.data;
}
