import { postJson } from '@embedkit/core';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { jinaAuthHint, loadJinaApiKey } from './jina-api-key.js';
import { mapJinaError } from './jina-error-mapping.js';

/** What every Jina call needs: where, with which key, through which dispatcher. */
export interface JinaClientSettings {
  readonly baseURL: string;
  readonly apiKey?: string;
  readonly apiKeyEnv?: string;
  readonly dispatcher?: Dispatcher;
  /** Size of the shared connection pool when no dispatcher is given. */
  readonly connections: number;
}

/** One authenticated POST to a Jina endpoint, returning the validated body. */
export type JinaPost = <Schema extends z.ZodType>(call: {
  path: string;
  body: Record<string, unknown>;
  schema: Schema;
  signal: AbortSignal;
  headers?: Readonly<Record<string, string>>;
  /** Model id, for error messages. */
  model: string;
}) => Promise<z.infer<Schema>>;

/**
 * Builds the POST used by the embedding function and the reranker: the key is read at each call
 * (lazily), redacted from every error, and errors are mapped the Jina way before core's mapping.
 */
export function createJinaPost(settings: JinaClientSettings): JinaPost {
  const root = settings.baseURL.replace(/\/+$/, '');
  return async (call) => {
    const apiKey = loadJinaApiKey(settings);
    const { data } = await postJson({
      url: `${root}/${call.path}`,
      body: call.body,
      headers: { ...call.headers, authorization: `Bearer ${apiKey}` },
      schema: call.schema,
      provider: 'jina',
      signal: call.signal,
      dispatcher: settings.dispatcher,
      connections: settings.connections,
      secrets: [apiKey],
      authHint: jinaAuthHint(settings),
      mapError: (details) => mapJinaError(details, call.model),
    });
    return data;
  };
}
