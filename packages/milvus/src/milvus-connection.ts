import { statSync } from 'node:fs';
import { StoreError } from '@embedkit/core';
import { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { milvusStoreKind, toStoreError } from './milvus-errors.js';
import type { ResolvedMilvusDriverSettings } from './milvus-store-settings.js';
import { sdkAddress } from './sdk-address.js';
import { type MilvusLiteServer, startMilvusLite } from './start-milvus-lite.js';

/** A usable client plus what to release when the store closes. */
export interface MilvusConnection {
  client: MilvusClient;
  /** Where the client points (never includes the token). */
  address: string;
  /** Where calls go, for error messages: `Milvus at <address>`, or Milvus Lite and its data path. */
  place: string;
  /**
   * Throws a `StoreError` naming the data path when the Milvus Lite data this connection serves
   * was deleted, replaced or found damaged since it started (a server keeps answering from memory
   * then, and what it writes is lost); nothing to check for a server.
   */
  checkData(collection?: string): void;
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
    return {
      client: options.client,
      address,
      place: `Milvus at ${address}`,
      checkData: () => {},
      close: async () => {},
    };
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
  const place = lite ? `Milvus Lite (data at ${lite.dbPath})` : `Milvus at ${address}`;
  try {
    await withDeadline(reachServer(client), settings.connectTimeoutMs, place);
  } catch (error) {
    // Not awaited: closing waits for the SDK's pending connect, which can outlast the deadline.
    close().catch(() => {});
    throw error;
  }
  return { client, address, place, checkData: lite ? liteDataCheck(lite) : () => {}, close };
}

/** The file system identity of a path (device and inode), or undefined when it is gone. */
function identity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Checks that Milvus Lite's data path is still the one the server opened, and that the server did
 * not report a damaged collection manifest (it then falls back to an older copy and silently
 * counts fewer rows). Both cases say what to do, with the data path.
 */
function liteDataCheck(lite: MilvusLiteServer): (collection?: string) => void {
  const opened = identity(lite.dbPath);
  return (collection) => {
    if (identity(lite.dbPath) !== opened) {
      throw new StoreError({
        store: 'milvus-lite',
        message: `Milvus Lite's data at ${lite.dbPath} was deleted or replaced while this run was using it, so what was written is not on disk. Delete what is left at ${lite.dbPath} and run the same command again to rebuild it.`,
      });
    }
    const damaged = lite.log().match(/manifest\.json failed to load[^\n]*/);
    if (damaged) {
      throw new StoreError({
        store: 'milvus-lite',
        message: `Milvus Lite's data at ${lite.dbPath} is damaged: ${collection ? `collection "${collection}"'s` : 'a collection'} manifest.json cannot be read, so Milvus Lite fell back to an older copy and documents stored since then would be missing. Move ${lite.dbPath} aside (or delete it) and index again to rebuild it.`,
      });
    }
  };
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

async function withDeadline(promise: Promise<unknown>, timeoutMs: number, place: string) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StoreError({
            store: milvusStoreKind,
            message: `Could not connect to ${place} within ${timeoutMs} ms. Check that the server is running and the address is right (set connectTimeoutMs for a slow network); for a local server call startMilvusLite().`,
            isRetryable: true,
          }),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      promise.catch((error: unknown) => {
        throw toStoreError(error, 'connect', place);
      }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
