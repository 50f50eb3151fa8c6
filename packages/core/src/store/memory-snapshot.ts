import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { StoreError } from '../errors/store-error.js';
import { decodeBase64Floats, encodeBase64Floats } from '../vectors/base64-floats.js';
import { type MemoryCollection, MemoryDatabase } from './memory-database.js';
import type { Metadata } from './vector-store.js';
import type { CollectionRecord, StoreRow } from './vector-store-driver.js';

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

/**
 * The first line of a file in the line layout `saveMemorySnapshot` writes: still one JSON
 * document, but with each collection's header and each row on a line of its own, so both saving
 * and loading go line by line instead of through one string the size of the file.
 */
const lineLayoutHeader = '{"version":1,"collections":{';
const rowsOpening = '"rows":[';
/** Bytes written or read per system call. */
const pieceBytes = 1024 * 1024;

/** Loads a database saved by `saveMemorySnapshot`; an empty one when there is no file. */
export function loadMemorySnapshot(path: string | undefined): MemoryDatabase {
  const database = new MemoryDatabase();
  if (!path || !existsSync(path)) return database;
  try {
    const collections = readLineLayout(path) ?? readWholeFile(path);
    for (const [name, collection] of collections) database.collections.set(name, collection);
  } catch (error) {
    throw new StoreError({
      store: 'memory',
      message: `The memory store file ${path} cannot be read (${(error as Error).message}). It is damaged or not a memory store file: move it away to start an empty store (and re-run the index), or point --store-path at the right file.`,
      cause: error,
    });
  }
  return database;
}

/**
 * Saves a database as JSON with base64 vectors, atomically (write, then rename), so an
 * interrupted save never leaves a broken file behind. Rows are written one line each through a
 * 1 MiB buffer, so saving needs little memory beyond the rows themselves; but the whole file is
 * rewritten on every save and loaded whole into memory: a format for small collections (up to
 * some 100,000 chunks, a few hundred MB); use an embedded database store (sqlite-vec, LanceDB,
 * PGlite, Milvus Lite) beyond that.
 */
export function saveMemorySnapshot(database: MemoryDatabase, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, 'w');
  try {
    let buffered: string[] = [];
    let bufferedLength = 0;
    const write = (line: string) => {
      buffered.push(line, '\n');
      bufferedLength += line.length + 1;
      if (bufferedLength >= pieceBytes) drain();
    };
    const drain = () => {
      writeSync(descriptor, buffered.join(''));
      buffered = [];
      bufferedLength = 0;
    };
    write(lineLayoutHeader);
    let separator = '';
    for (const [name, collection] of database.collections) {
      const record = JSON.stringify(collection.record).slice(0, -1);
      write(
        `${separator}${JSON.stringify(name)}:${record}${record === '{' ? '' : ','}${rowsOpening}`,
      );
      separator = ',';
      let rowSeparator = '';
      for (const row of collection.rows.values()) {
        write(rowSeparator + JSON.stringify(toSnapshotRow(row)));
        rowSeparator = ',';
      }
      write(']}');
    }
    write('}}');
    drain();
  } catch (error) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  renameSync(temporary, path);
}

function toSnapshotRow(row: StoreRow): SnapshotRow {
  return {
    id: row.id,
    text: row.text,
    metadata: row.metadata,
    vector: encodeBase64Floats(row.vector),
    ...(row.sparse
      ? { sparse: { indices: [...row.sparse.indices], values: [...row.sparse.values] } }
      : {}),
  };
}

function toStoreRow({ sparse, ...row }: SnapshotRow): StoreRow {
  return {
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
  };
}

function toCollection(collection: SnapshotCollection): MemoryCollection {
  const { embedding, space, metric } = collection;
  return {
    record: { embedding, space, metric, dim: collection.dim ?? space.dim },
    rows: new Map(),
  };
}

/** A file in another layout (written by an earlier version, or by hand), parsed in one piece. */
function readWholeFile(path: string): Map<string, MemoryCollection> {
  let text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = snapshotSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw notASnapshot(parsed.error);
  const snapshot = parsed.data as unknown as Snapshot;
  const collections = new Map<string, MemoryCollection>();
  for (const [name, collection] of Object.entries(snapshot.collections)) {
    const loaded = toCollection(collection);
    for (const row of collection.rows) loaded.rows.set(row.id, toStoreRow(row));
    collections.set(name, loaded);
  }
  return collections;
}

/**
 * A file in the line layout, read line by line; `undefined` when its first line says it is in
 * another layout. A line that does not fit is an error naming the line.
 */
function readLineLayout(path: string): Map<string, MemoryCollection> | undefined {
  const lines = readLines(path);
  const first = lines.next();
  if (first.done || first.value.replace(/^\uFEFF/, '') !== lineLayoutHeader) {
    lines.return(undefined);
    return undefined;
  }
  const collections = new Map<string, MemoryCollection>();
  let current: { name: string; collection: MemoryCollection } | undefined;
  let ended = false;
  let lineNumber = 1;
  for (const line of lines) {
    lineNumber++;
    const unexpected = (what: string) => new Error(`line ${lineNumber}: ${what}`);
    if (ended) {
      if (line.trim() !== '') throw unexpected('text after the end of the collections');
    } else if (current === undefined) {
      if (line === '}}') {
        ended = true;
        continue;
      }
      const opening = line.startsWith(',') ? line.slice(1) : line;
      if (!opening.endsWith(rowsOpening)) throw unexpected('expected a collection');
      const [entry] = Object.entries(parseLine(`{${opening}]}}`, lineNumber) as object);
      const parsed = snapshotCollectionSchema.safeParse(entry?.[1]);
      if (!entry || !parsed.success) {
        throw notASnapshot(parsed.error, ['collections', entry?.[0] ?? '?']);
      }
      current = { name: entry[0], collection: toCollection(parsed.data as SnapshotCollection) };
    } else if (line === ']}') {
      collections.set(current.name, current.collection);
      current = undefined;
    } else {
      const rows = current.collection.rows;
      const parsed = snapshotRowSchema.safeParse(
        parseLine(line.startsWith(',') ? line.slice(1) : line, lineNumber),
      );
      if (!parsed.success) {
        throw notASnapshot(parsed.error, ['collections', current.name, 'rows', rows.size]);
      }
      const row = parsed.data as SnapshotRow;
      rows.set(row.id, toStoreRow(row));
    }
  }
  if (!ended) throw new Error('the file ends before its last collection is closed (truncated?)');
  return collections;
}

function notASnapshot(error: z.ZodError | undefined, at: PropertyKey[] = []): Error {
  const [issue] = error?.issues ?? [];
  const path = [...at, ...(issue?.path ?? [])];
  return new Error(
    `not an embedkit memory store file (version 1): ${issue?.message ?? 'unexpected content'}${path.length ? ` at ${path.join('.')}` : ''}`,
  );
}

/** One line's JSON; a syntax error (a file cut short) names the line. */
function parseLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`line ${lineNumber}: ${(error as Error).message}`);
  }
}

/** The lines of a UTF-8 file, read a piece at a time. */
function* readLines(path: string): Generator<string> {
  const descriptor = openSync(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8');
    const buffer = Buffer.alloc(pieceBytes);
    let pending = '';
    for (;;) {
      const read = readSync(descriptor, buffer, 0, buffer.length, null);
      pending +=
        read === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, read), { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      yield* lines;
      if (read === 0) break;
    }
    if (pending !== '') yield pending;
  } finally {
    closeSync(descriptor);
  }
}
