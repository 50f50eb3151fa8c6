import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from '../errors/store-error.js';
import { decodeBase64Floats, encodeBase64Floats } from '../vectors/base64-floats.js';
import { MemoryDatabase } from './memory-database.js';
import type { Metadata } from './vector-store.js';
import type { CollectionRecord } from './vector-store-driver.js';

interface SnapshotRow {
  id: string;
  text: string;
  metadata: Metadata;
  /** Little-endian float32, base64. */
  vector: string;
  /** The sparse vector, when the row has one: indices and float32 values as JSON numbers. */
  sparse?: { indices: number[]; values: number[] };
}

/** Version 1 kept `embedding`, `space` and `metric` beside the rows, without `dim`. */
type SnapshotCollection = Omit<CollectionRecord, 'dim'> & { dim?: number; rows: SnapshotRow[] };

interface Snapshot {
  version: 1;
  collections: Record<string, SnapshotCollection>;
}

/** Loads a database saved by `saveMemorySnapshot`; an empty one when there is no file. */
export function loadMemorySnapshot(path: string | undefined): MemoryDatabase {
  const database = new MemoryDatabase();
  if (!path || !existsSync(path)) return database;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    if (snapshot?.version !== 1 || typeof snapshot.collections !== 'object') {
      throw new Error('not an embedkit memory snapshot (version 1)');
    }
  } catch (error) {
    throw new StoreError({
      store: 'memory',
      message: `The memory store file ${path} cannot be read (${(error as Error).message}); move it away to start an empty store.`,
      cause: error,
    });
  }
  for (const [name, collection] of Object.entries(snapshot.collections)) {
    const rows = new Map(
      collection.rows.map(
        ({ sparse, ...row }) =>
          [
            row.id,
            {
              ...row,
              vector: decodeBase64Floats(row.vector).slice(),
              ...(sparse
                ? {
                    sparse: {
                      indices: Uint32Array.from(sparse.indices),
                      values: Float32Array.from(sparse.values),
                    },
                  }
                : {}),
            },
          ] as const,
      ),
    );
    const { embedding, space, metric } = collection;
    database.collections.set(name, {
      record: { embedding, space, metric, dim: collection.dim ?? space.dim },
      rows,
    });
  }
  return database;
}

/**
 * Saves a database as JSON with base64 vectors, atomically (write, then rename), so an
 * interrupted save never leaves a broken file behind.
 */
export function saveMemorySnapshot(database: MemoryDatabase, path: string): void {
  const snapshot: Snapshot = { version: 1, collections: {} };
  for (const [name, collection] of database.collections) {
    snapshot.collections[name] = {
      ...collection.record,
      rows: [...collection.rows.values()].map((row) => ({
        id: row.id,
        text: row.text,
        metadata: row.metadata,
        vector: encodeBase64Floats(row.vector),
        ...(row.sparse
          ? { sparse: { indices: [...row.sparse.indices], values: [...row.sparse.values] } }
          : {}),
      })),
    };
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, path);
}
