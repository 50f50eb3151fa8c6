import { createProviderPost } from '@embedkit/core/provider';
import type { z } from 'zod';
import { voyageVersion } from './package-version.js';
import { voyageApiKey } from './voyage-api-key.js';
import { mapVoyageError } from './voyage-error-mapping.js';
import type { VoyageRuntimeOptions } from './voyage-runtime-options.js';

/** What every Voyage call needs: where, with which key, through which dispatcher. */
export interface VoyageClientSettings extends VoyageRuntimeOptions {
  readonly baseURL: string;
  readonly apiKeyEnv?: string;
  /** Size of the shared connection pool when no dispatcher is given. */
  readonly connections: number;
}

/** One authenticated POST to a Voyage endpoint (`v1/embeddings`, later `v1/rerank`), validated. */
export type VoyagePost = <Schema extends z.ZodType>(call: {
  path: string;
  body: Record<string, unknown>;
  schema: Schema;
  signal: AbortSignal;
  headers?: Readonly<Record<string, string>>;
  /** Model id, for error messages. */
  model: string;
}) => Promise<z.infer<Schema>>;

/**
 * Builds the POST every Voyage endpoint shares on core's provider kit: the key is read at each
 * call (lazily) and redacted from every error, `user-agent` names this package, and errors are
 * mapped the Voyage way.
 */
export function createVoyagePost(settings: VoyageClientSettings): VoyagePost {
  const apiKey = voyageApiKey(settings);
  const post = createProviderPost({
    provider: 'voyage',
    packageName: '@embedkit/voyage',
    version: voyageVersion,
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
        mapVoyageError(details, { model: call.model, authHint: apiKey.authHint }),
    });
    return data;
  };
}
