import { StoreError } from '@embedkit/core';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { milvusStoreKind, toStoreError } from './milvus-errors.js';
import type { ResolvedMilvusDriverSettings } from './milvus-store-settings.js';
import { sdkAddress } from './sdk-address.js';
import { type MilvusLiteServer, startMilvusLite } from './start-milvus-lite.js';

/** A usable client plus what to release when the store closes. */
export interface MilvusConnection {
  client: MilvusClient;
  /** Where the client points, for error messages (never includes the token). */
  address: string;
  close(): Promise<void>;
}

export interface OpenConnectionOptions {
  client?: MilvusClient;
  settings: ResolvedMilvusDriverSettings;
  /** Start Milvus Lite on `dbPath` whatever `address` and `MILVUS_URI` say. */
  embedded?: boolean;
}

/**
 * Opens the store's connection on first use: the injected client as is; otherwise a client for
 * `address` (or `MILVUS_URI`), or — with neither — a Milvus Lite server started on `dbPath`.
 * A server that does not answer within `connectTimeoutMs` fails fast with a retryable
 * `StoreError` naming the address, instead of hanging.
 */
export async function openMilvusConnection(
  options: OpenConnectionOptions,
): Promise<MilvusConnection> {
  const { settings } = options;
  if (options.client) {
    const address = options.client.config?.address ?? 'the injected client';
    return { client: options.client, address, close: async () => {} };
  }
  let lite: MilvusLiteServer | undefined;
  const configured = options.embedded ? undefined : configuredAddress(settings);
  if (configured === undefined) lite = await startMilvusLite({ dbPath: settings.dbPath });
  const address = configured === undefined ? lite!.address : sdkAddress(configured);
  const token = settings.token ?? (process.env[settings.tokenEnv] || undefined);
  const client = new MilvusClient({
    address,
    timeout: settings.timeoutMs,
    ...(token ? { token } : {}),
    ...(settings.database ? { database: settings.database } : {}),
  });
  // The SDK starts connecting in its constructor; a refused connection must not become an
  // unhandled rejection. The failure is reported by the check below instead.
  client.connectPromise?.catch(() => {});
  const close = async () => {
    await client.closeConnection().catch(() => {});
    await lite?.stop();
  };
  try {
    await withDeadline(reachServer(client), settings.connectTimeoutMs, address);
  } catch (error) {
    // Not awaited: closing waits for the SDK's pending connect, which can outlast the deadline.
    close().catch(() => {});
    throw error;
  }
  return { client, address, close };
}

/** The server address from the settings or `MILVUS_URI`; undefined means "start Milvus Lite". */
export function configuredAddress(settings: { address?: string }): string | undefined {
  return settings.address ?? process.env.MILVUS_URI;
}

/** Waits for the SDK's connect, then asks the server for its version: proof that it answers. */
async function reachServer(client: MilvusClient): Promise<void> {
  await client.connectPromise;
  const response = await client.getVersion();
  if (typeof response?.version !== 'string') {
    throw new Error('the server did not report a version');
  }
}

async function withDeadline(promise: Promise<unknown>, timeoutMs: number, address: string) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StoreError({
            store: milvusStoreKind,
            message: `Could not connect to Milvus at ${address} within ${timeoutMs} ms. Check that the server is running and the address is right (set connectTimeoutMs for a slow network); for a local server call startMilvusLite().`,
            isRetryable: true,
          }),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      promise.catch((error: unknown) => {
        throw toStoreError(error, 'connect', address);
      }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
