import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { StoreError } from '@embedkit/core';
import type { PgliteDatabase } from './sql-connection.js';

interface SharedPglite {
  database: Promise<PgliteDatabase>;
  references: number;
}

/**
 * PGlite instances by resolved data directory. PGlite is one PostgreSQL backend in this process
 * and two instances on one directory would corrupt it, so every driver on the same path shares
 * one instance; the last `release()` closes it.
 */
const instances = new Map<string, SharedPglite>();

/** A PGlite on `path` (created on first use) with pgvector loaded, and how to let go of it. */
export async function openPglite(
  path: string,
): Promise<{ database: PgliteDatabase; release: () => Promise<void> }> {
  const directory = resolve(path);
  let shared = instances.get(directory);
  if (!shared) {
    shared = { database: createPglite(directory), references: 0 };
    instances.set(directory, shared);
    shared.database.catch(() => instances.delete(directory));
  }
  shared.references += 1;
  const entry = shared;
  let released = false;
  const database = await entry.database.catch((error: unknown) => {
    entry.references -= 1;
    throw error;
  });
  return {
    database,
    release: async () => {
      if (released) return;
      released = true;
      entry.references -= 1;
      if (entry.references > 0) return;
      instances.delete(directory);
      await database.close();
    },
  };
}

async function createPglite(directory: string): Promise<PgliteDatabase> {
  try {
    mkdirSync(directory, { recursive: true });
    const [{ PGlite }, { vector }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-pgvector'),
    ]);
    return (await PGlite.create(directory, {
      extensions: { vector },
    })) as unknown as PgliteDatabase;
  } catch (error) {
    throw new StoreError({
      store: 'pglite',
      message: `Could not open PGlite on ${directory}: ${(error as Error).message}. Check that the directory is writable and not used by another process (PGlite allows one process per data directory).`,
      cause: error,
    });
  }
}
