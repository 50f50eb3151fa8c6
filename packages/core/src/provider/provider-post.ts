import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { EmbedkitError } from '../errors/embedkit-error.js';
import type { HttpErrorDetails } from '../http/http-error-details.js';
import { postJson } from '../http/post-json.js';
import { userAgent } from '../http/user-agent.js';
import type { ApiKeySource } from './api-key-source.js';

/** What every call of one provider shares: where, who, with which key, through which pool. */
export interface ProviderPostOptions {
  /** Provider id, for error messages. */
  provider: string;
  /**
   * Package and version named in `user-agent`, e.g. `@embedkit/openai` and its version; core's
   * own `user-agent` is sent when absent.
   */
  packageName?: string;
  version?: string;
  /** API root that `path` is appended to; trailing slashes are ignored. */
  baseURL?: string;
  /**
   * The key, read at each call. Omit for servers that take none. `required: false` sends no
   * `authorization` header when no key is set (a local OpenAI-compatible server).
   */
  apiKey?: ApiKeySource;
  /** Whether a missing key is an error before anything is sent. Default true. */
  requireKey?: boolean;
  /** Headers that carry the key; `authorization: Bearer <key>` by default. */
  authHeaders?: (key: string) => Record<string, string>;
  /** A custom undici dispatcher (proxy, test pool); core's shared keep-alive pool otherwise. */
  dispatcher?: Dispatcher;
  /** Size of the shared pool when no dispatcher is given (usually the concurrency). */
  connections?: number;
  /** Provider-specific error mapping run before core's status mapping. */
  mapError?: (details: HttpErrorDetails) => EmbedkitError | undefined;
}

/** One call: a path under `baseURL` (or a full `url`), a JSON body and the response schema. */
export interface ProviderCall<Schema extends z.ZodType> {
  path?: string;
  url?: string;
  body: unknown;
  schema: Schema;
  signal?: AbortSignal;
  /** Extra headers (a caller's tracing headers, `OpenAI-Project`, …). */
  headers?: Readonly<Record<string, string>>;
  /** Replaces the provider's `mapError` for this call (e.g. to name the model). */
  mapError?: (details: HttpErrorDetails) => EmbedkitError | undefined;
}

/** The validated body of one call plus its status and headers. */
export interface ProviderResponse<Data> {
  data: Data;
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A provider's POST, built once by `createProviderPost`. */
export type ProviderPost = <Schema extends z.ZodType>(
  call: ProviderCall<Schema>,
) => Promise<ProviderResponse<z.infer<Schema>>>;

/**
 * The request/response path of a provider, so a provider package is its request and response
 * shape plus its model table: the key is read at each call (a missing one is an
 * `AuthenticationError` naming the variable, before anything is sent) and redacted from every
 * error, `user-agent` names the package, the body is validated against `schema`, and failures
 * become core's typed errors (`postJson`).
 */
export function createProviderPost(options: ProviderPostOptions): ProviderPost {
  const root = options.baseURL?.replace(/\/+$/, '');
  const agent: Record<string, string> =
    options.packageName && options.version
      ? { 'user-agent': userAgent(options.packageName, options.version) }
      : {};
  const authHeaders =
    options.authHeaders ?? ((key: string) => ({ authorization: `Bearer ${key}` }));
  return async (call) => {
    const key =
      options.apiKey === undefined
        ? undefined
        : options.requireKey === false
          ? options.apiKey.read()
          : options.apiKey.require();
    const url = call.url ?? `${root ?? ''}/${(call.path ?? '').replace(/^\/+/, '')}`;
    return postJson({
      url,
      body: call.body,
      headers: { ...agent, ...call.headers, ...(key ? authHeaders(key) : {}) },
      schema: call.schema,
      provider: options.provider,
      signal: call.signal,
      dispatcher: options.dispatcher,
      connections: options.connections,
      secrets: key ? [key] : [],
      authHint: options.apiKey?.authHint,
      mapError: call.mapError ?? options.mapError,
    });
  };
}
