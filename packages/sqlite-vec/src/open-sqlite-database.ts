import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from '@embedkit/core';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { sqliteStoreKind } from './sqlite-errors.js';

export interface OpenSqliteDatabaseOptions {
  path: string;
  busyTimeoutMs: number;
  /** A database to prepare instead of opening `path`. */
  database?: Database;
}

/**
 * Opens the file (creating its folder), loads sqlite-vec, switches to WAL so readers never wait
 * for a writer, sets the busy timeout so a second process waits for a write lock instead of
 * failing, and registers `embedkit_dot` for the ip metric (sqlite-vec has no inner-product
 * distance function).
 */
export function openSqliteDatabase(options: OpenSqliteDatabaseOptions): Database {
  let database = options.database;
  if (!database) {
    if (options.path !== ':memory:' && !options.path.startsWith('file:')) {
      mkdirSync(dirname(options.path), { recursive: true });
    }
    try {
      database = new BetterSqlite3(options.path, { timeout: options.busyTimeoutMs });
    } catch (error) {
      throw new StoreError({
        store: sqliteStoreKind,
        message: `Could not open the SQLite file ${options.path}: ${(error as Error).message}. Check that the folder is writable.`,
        cause: error,
      });
    }
  }
  try {
    sqliteVec.load(database);
  } catch (error) {
    if (!options.database) database.close();
    throw new StoreError({
      store: sqliteStoreKind,
      message: `Could not load the sqlite-vec extension into SQLite (${(error as Error).message}). Reinstall the sqlite-vec package so its binary for ${process.platform}-${process.arch} is present.`,
      cause: error,
    });
  }
  database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
  if (options.path !== ':memory:') database.pragma('journal_mode = WAL');
  database.function('embedkit_dot', { deterministic: true }, innerProduct);
  return database;
}

/** Inner product of two vectors, each a float32 BLOB or a JSON array, as SQL sees them. */
function innerProduct(left: unknown, right: unknown): number | null {
  const a = toFloats(left);
  const b = toFloats(right);
  if (!a || !b || a.length !== b.length) return null;
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}

function toFloats(value: unknown): ArrayLike<number> | undefined {
  if (Buffer.isBuffer(value)) {
    // A Buffer may start at any byte offset of its pool, so copy rather than view it.
    const floats = new Float32Array(value.byteLength / 4);
    new Uint8Array(floats.buffer).set(value.subarray(0, floats.length * 4));
    return floats;
  }
  if (typeof value === 'string') {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as number[]) : undefined;
  }
  return undefined;
}
