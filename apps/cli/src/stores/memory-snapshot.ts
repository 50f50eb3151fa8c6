import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeBase64Floats, encodeBase64Floats, MemoryDatabase } from '@embedkit/core';

interface SnapshotRow {
  id: string;
  text: string;
  metadata: Record<string, never>;
  vector: string;
}

type Collection = MemoryDatabase['collections'] extends Map<string, infer Value> ? Value : never;

interface Snapshot {
  version: 1;
  collections: Record<string, Omit<Collection, 'rows'> & { rows: SnapshotRow[] }>;
}

/** Loads a memory database saved by `saveMemoryDatabase`, or an empty one when the file is absent. */
export function loadMemoryDatabase(path: string | undefined): MemoryDatabase {
  const database = new MemoryDatabase();
  if (!path || !existsSync(path)) return database;
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  for (const [name, collection] of Object.entries(snapshot.collections)) {
    const rows = new Map(
      collection.rows.map(
        (row) => [row.id, { ...row, vector: decodeBase64Floats(row.vector).slice() }] as const,
      ),
    );
    database.collections.set(name, { ...collection, rows });
  }
  return database;
}

/**
 * Saves a memory database as JSON with base64 vectors, atomically (write then rename), so an
 * interrupted save never leaves a broken file behind.
 */
export function saveMemoryDatabase(database: MemoryDatabase, path: string): void {
  const snapshot: Snapshot = { version: 1, collections: {} };
  for (const [name, collection] of database.collections) {
    snapshot.collections[name] = {
      ...collection,
      rows: [...collection.rows.values()].map((row) => ({
        id: row.id,
        text: row.text,
        metadata: row.metadata as Record<string, never>,
        vector: encodeBase64Floats(row.vector),
      })),
    };
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, path);
}
