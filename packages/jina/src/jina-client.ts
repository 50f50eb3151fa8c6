import { createProviderPost } from '@embedkit/core/provider';
import type { z } from 'zod';
import { jinaApiKey } from './jina-api-key.js';
import { mapJinaError } from './jina-error-mapping.js';
import type { JinaRuntimeOptions } from './jina-runtime-options.js';

/** What every Jina call needs: where, with which key, through which dispatcher. */
export interface JinaClientSettings extends JinaRuntimeOptions {
  readonly baseURL: string;
  readonly apiKeyEnv?: string;
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
 * Builds the POST used by the embedding function and the reranker on core's provider kit: the key
 * is read at each call (lazily), redacted from every error, and errors are mapped the Jina way
 * before core's mapping.
 */
export function createJinaPost(settings: JinaClientSettings): JinaPost {
  const post = createProviderPost({
    provider: 'jina',
    baseURL: settings.baseURL,
    apiKey: jinaApiKey(settings),
    dispatcher: settings.dispatcher,
    connections: settings.connections,
  });
  return async (call) => {
    const { data } = await post({
      path: call.path,
      body: call.body,
      schema: call.schema,
      signal: call.signal,
      headers: call.headers,
      mapError: (details) => mapJinaError(details, call.model),
    });
    return data;
  };
}
