import { StoreError } from '@embedkit/core';
import type { ChromaConnection } from './chroma-connection.js';
import { chromaStoreKind, toStoreError } from './chroma-errors.js';

/** What the server says about a collection: enough to open it. */
export interface ChromaCollectionDescription {
  id: string;
  metadata: Record<string, unknown> | null;
  /** The HNSW (or SPANN) space, when the configuration names one. */
  space: string | undefined;
  /** The embeddings' length, once the collection holds any. */
  dimension: number | undefined;
}

/**
 * Looks a collection up by name with one plain GET, `undefined` when there is none.
 *
 * Why not `client.getCollection()`: it resolves the collection's configured embedding function,
 * and for a collection made with Chroma's default one it imports `@chroma-core/default-embed`
 * (a model download) or prints a warning when that is not installed. Embedkit embeds everything
 * itself and passes embeddings explicitly, so the driver reads the description directly and then
 * works on `client.collection(id)`, a handle without any embedding function.
 */
export async function describeChromaCollection(
  connection: ChromaConnection,
  name: string,
): Promise<ChromaCollectionDescription | undefined> {
  const { baseUrl, tenant, database, headers } = connection;
  const url = `${baseUrl}/api/v2/tenants/${encodeURIComponent(tenant)}/databases/${encodeURIComponent(database)}/collections/${encodeURIComponent(name)}`;
  const action = `look up collection "${name}"`;
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (error) {
    const connectionError = Object.assign(new Error((error as Error).message), {
      name: 'ChromaConnectionError',
      cause: error,
    });
    throw toStoreError(connectionError, action, baseUrl);
  }
  if (response.status === 404) return undefined;
  const body = (await response.json().catch(() => undefined)) as
    | {
        id?: unknown;
        metadata?: unknown;
        configuration_json?: {
          hnsw?: { space?: unknown } | null;
          spann?: { space?: unknown } | null;
        };
        dimension?: unknown;
        message?: unknown;
        error?: unknown;
      }
    | undefined;
  if (!response.ok || typeof body?.id !== 'string') {
    const reason =
      typeof body?.message === 'string' && body.message !== ''
        ? body.message
        : `HTTP ${response.status}`;
    if (response.status === 400 && /not found|does not exist/i.test(reason)) return undefined;
    throw new StoreError({
      store: chromaStoreKind,
      message:
        response.status === 401 || response.status === 403
          ? `Could not ${action}: the Chroma server at ${baseUrl} refused the credentials (${reason}). Set the variable named by tokenEnv to a valid token, and check tenant ("${tenant}") and database ("${database}").`
          : `Could not ${action} on Chroma at ${baseUrl} (tenant "${tenant}", database "${database}"): ${reason}`,
      isRetryable: response.status === 429 || response.status >= 500,
    });
  }
  const configuration = body.configuration_json;
  const space = configuration?.hnsw?.space ?? configuration?.spann?.space;
  return {
    id: body.id,
    metadata:
      body.metadata && typeof body.metadata === 'object'
        ? (body.metadata as Record<string, unknown>)
        : null,
    space: typeof space === 'string' ? space : undefined,
    dimension: typeof body.dimension === 'number' ? body.dimension : undefined,
  };
}
