import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { MilvusRow } from './insert-batches.js';
import { decodeUpsertResult, encodeUpsertRequest, type UpsertResult } from './upsert-request.js';

/** The parts of a pooled `@grpc/grpc-js` client the direct path uses (public grpc-js API). */
interface UnaryClient {
  makeUnaryRequest(
    path: string,
    serialize: (request: PreparedUpsert) => Buffer,
    deserialize: (reply: Buffer) => UpsertResult,
    request: PreparedUpsert,
    options: { deadline: Date },
    callback: (error: Error | null, reply?: UpsertResult) => void,
  ): unknown;
}

interface ChannelPool {
  acquire(): Promise<UnaryClient>;
  release(client: UnaryClient): unknown;
}

/**
 * An encoded request as it travels through the SDK's interceptors. Its `toJSON` keeps the SDK's
 * request logging (which serialises every outgoing message to JSON, whatever the log level) from
 * walking the rows.
 */
interface PreparedUpsert {
  readonly bytes: Buffer;
  toJSON(): string;
}

/**
 * Sends an upsert as bytes encoded by `encodeUpsertRequest`, on a channel of the SDK's own pool,
 * so the client's address, TLS, token, database and retry interceptors all still apply. Returns
 * `undefined` without sending anything when the client does not expose what this needs (another
 * SDK version, or a client not yet connected); the caller then uses `client.upsert`.
 */
export async function directUpsert(
  client: MilvusClient,
  collection: string,
  rows: readonly MilvusRow[],
  options: { timeoutMs: number; sparseVectors: boolean },
): Promise<UpsertResult | undefined> {
  const pool = (client as unknown as { channelPool?: Partial<ChannelPool> }).channelPool;
  if (typeof pool?.acquire !== 'function' || typeof pool.release !== 'function') return undefined;
  const channel = await pool.acquire();
  try {
    const path = upsertPath(channel);
    if (path === undefined || typeof channel.makeUnaryRequest !== 'function') return undefined;
    const request: PreparedUpsert = {
      bytes: encodeUpsertRequest(collection, rows, { sparseVectors: options.sparseVectors }),
      toJSON: () => `[upsert of ${rows.length} rows into ${collection}]`,
    };
    return await new Promise<UpsertResult>((resolve, reject) => {
      channel.makeUnaryRequest(
        path,
        (prepared) => prepared.bytes,
        decodeUpsertResult,
        request,
        { deadline: new Date(Date.now() + options.timeoutMs) },
        (error, reply) => {
          if (error) reject(error);
          else if (reply) resolve(reply);
          else reject(new Error('Milvus sent an empty upsert reply'));
        },
      );
    });
  } finally {
    pool.release(channel);
  }
}

/** The gRPC method path of `Upsert`, from the service definition grpc-js attaches to clients. */
function upsertPath(channel: UnaryClient): string | undefined {
  const service = (channel.constructor as { service?: Record<string, { path?: unknown }> }).service;
  const path = service?.Upsert?.path;
  return typeof path === 'string' ? path : undefined;
}
