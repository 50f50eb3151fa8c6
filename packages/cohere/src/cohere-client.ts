import { createProviderPost } from '@embedkit/core/provider';
import type { z } from 'zod';
import { cohereApiKey } from './cohere-api-key.js';
import { mapCohereError } from './cohere-error-mapping.js';
import type { CohereRuntimeOptions } from './cohere-runtime-options.js';
import { cohereVersion } from './package-version.js';

/** What every Cohere call needs: where, with which key, through which dispatcher. */
export interface CohereClientSettings extends CohereRuntimeOptions {
  readonly baseURL: string;
  readonly apiKeyEnv?: string;
  /** Size of the shared connection pool when no dispatcher is given. */
  readonly connections: number;
}

/** One authenticated POST to a Cohere endpoint (`v2/embed`, later `v2/rerank`), validated. */
export type CoherePost = <Schema extends z.ZodType>(call: {
  path: string;
  body: Record<string, unknown>;
  schema: Schema;
  signal: AbortSignal;
  headers?: Readonly<Record<string, string>>;
  /** Model id, for error messages. */
  model: string;
}) => Promise<z.infer<Schema>>;

/**
 * Builds the POST every Cohere endpoint shares on core's provider kit: the key is read at each
 * call (lazily) and redacted from every error, `user-agent` names this package, and errors are
 * mapped the Cohere way.
 */
export function createCoherePost(settings: CohereClientSettings): CoherePost {
  const apiKey = cohereApiKey(settings);
  const post = createProviderPost({
    provider: 'cohere',
    packageName: '@embedkit/cohere',
    version: cohereVersion,
    baseURL: settings.baseURL,
    apiKey,
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
      mapError: (details) =>
        mapCohereError(details, { model: call.model, authHint: apiKey.authHint }),
    });
    return data;
  };
}
