import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { StoreError } from '../errors/store-error.js';
import { decodeBase64Floats, encodeBase64Floats } from '../vectors/base64-floats.js';
import { MemoryDatabase } from './memory-database.js';
import type { Metadata } from './vector-store.js';
import type { CollectionRecord } from './vector-store-driver.js';

const snapshotRowSchema = z.object({
  id: z.string(),
  text: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  /** Little-endian float32, base64. */
  vector: z.string(),
  /** The sparse vector, when the row has one: indices and float32 values as JSON numbers. */
  sparse: z.object({ indices: z.array(z.number()), values: z.array(z.number()) }).optional(),
});

/** Version 1 kept `embedding`, `space` and `metric` beside the rows, without `dim`. */
const snapshotCollectionSchema = z.looseObject({
  embedding: z.looseObject({ provider: z.string() }),
  space: z.looseObject({ dim: z.number().int().positive() }),
  metric: z.enum(['cosine', 'ip', 'l2']),
  dim: z.number().int().positive().optional(),
  rows: z.array(snapshotRowSchema),
});

/** The file's shape, checked on load so a damaged file is named rather than half read. */
const snapshotSchema = z.object({
  version: z.literal(1),
  collections: z.record(z.string(), snapshotCollectionSchema),
});

type SnapshotRow = Omit<z.infer<typeof snapshotRowSchema>, 'metadata'> & { metadata: Metadata };

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
    let text = readFileSync(path, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parsed = snapshotSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new Error(`not an embedkit memory store file (version 1): ${issue?.message}${at}`);
    }
    snapshot = parsed.data as unknown as Snapshot;
  } catch (error) {
    throw new StoreError({
      store: 'memory',
      message: `The memory store file ${path} cannot be read (${(error as Error).message}). It is damaged or not a memory store file: move it away to start an empty store (and re-run the index), or point --store-path at the right file.`,
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
 * interrupted save never leaves a broken file behind. The whole file is rewritten on every save
 * and held in memory while it is built: a format for small collections (up to some 100,000
 * chunks, a few hundred MB); use an embedded database store (sqlite-vec, LanceDB, PGlite, Milvus
 * Lite) beyond that.
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
