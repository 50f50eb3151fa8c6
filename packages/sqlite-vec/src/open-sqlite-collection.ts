import {
  type CollectionRecord,
  InvalidConfigError,
  StoreError,
  type VectorMetric,
} from '@embedkit/core';
import type { Database } from 'better-sqlite3';
import { sqliteStoreKind } from './sqlite-errors.js';
import { quoteIdentifier, quoteLiteral } from './sqlite-identifiers.js';
import type { SqliteFields } from './sqlite-vec-store-settings.js';

/** The table where embedkit keeps each collection's record (embedding space, metric, columns). */
export const collectionsTable = 'embedkit_collections';

/** An open collection: its quoted names and what the driver needs to query it. */
export interface SqliteCollection {
  name: string;
  /** The quoted table name. */
  table: string;
  /** Quoted column names. */
  columns: { id: string; vector: string; text: string; metadata: string };
  /** The stored record; `undefined` for a table embedkit did not create. */
  record: CollectionRecord | undefined;
  metric: VectorMetric;
  /** The quoted FTS5 table for hybrid search, when the collection has one. */
  fullText: string | undefined;
  /** The vector column's dimension for a foreign table with rows. */
  dim: number | undefined;
  created: boolean;
}

/** The FTS5 index beside a collection's table. */
export function fullTextTableName(collection: string): string {
  return `${collection}__embedkit_fts`;
}

/**
 * Opens a collection, or creates it, in one write transaction so two processes opening the same
 * new collection create it once: the rows table (an explicit integer key keeps FTS5's rowids
 * stable through VACUUM, the id is unique text), the FTS5 index on the text kept in step by
 * triggers, and the record. A table embedkit did not create is opened through `fields`.
 */
export function openSqliteCollection(options: {
  database: Database;
  name: string;
  record: CollectionRecord;
  fields: SqliteFields;
}): SqliteCollection {
  const { database, name, record, fields } = options;
  const open = database.transaction((): SqliteCollection => {
    database.exec(
      `CREATE TABLE IF NOT EXISTS ${collectionsTable} (name TEXT PRIMARY KEY NOT NULL, record TEXT NOT NULL, fields TEXT NOT NULL)`,
    );
    const stored = database
      .prepare(`SELECT record, fields FROM ${collectionsTable} WHERE name = ?`)
      .get(name) as { record: string; fields: string } | undefined;
    if (stored) {
      const storedRecord = JSON.parse(stored.record) as CollectionRecord;
      const storedFields = JSON.parse(stored.fields) as SqliteFields;
      return {
        ...describe(name, storedFields, storedRecord.metric, storedRecord),
        fullText: tableExists(database, fullTextTableName(name))
          ? quoteIdentifier(fullTextTableName(name))
          : undefined,
        dim: storedRecord.dim,
        created: false,
      };
    }
    if (tableExists(database, name)) return openForeignTable(database, name, record, fields);
    createCollection(database, name, fields);
    database
      .prepare(`INSERT INTO ${collectionsTable} (name, record, fields) VALUES (?, ?, ?)`)
      .run(name, JSON.stringify(record), JSON.stringify(fields));
    return {
      ...describe(name, fields, record.metric, record),
      fullText: quoteIdentifier(fullTextTableName(name)),
      dim: record.dim,
      created: true,
    };
  });
  return open.immediate();
}

function describe(
  name: string,
  fields: SqliteFields,
  metric: VectorMetric,
  record: CollectionRecord | undefined,
) {
  return {
    name,
    table: quoteIdentifier(name),
    columns: {
      id: quoteIdentifier(fields.id),
      vector: quoteIdentifier(fields.vector),
      text: quoteIdentifier(fields.text),
      metadata: quoteIdentifier(fields.metadata),
    },
    record,
    metric,
  };
}

function createCollection(database: Database, name: string, fields: SqliteFields): void {
  const table = quoteIdentifier(name);
  const fullText = quoteIdentifier(fullTextTableName(name));
  const { id, vector, text, metadata } = describe(name, fields, 'cosine', undefined).columns;
  const trigger = (suffix: string) => quoteIdentifier(`${fullTextTableName(name)}_${suffix}`);
  const remove = `INSERT INTO ${fullText} (${fullText}, rowid, ${text}) VALUES ('delete', old.embedkit_rowid, old.${text});`;
  const add = `INSERT INTO ${fullText} (rowid, ${text}) VALUES (new.embedkit_rowid, new.${text});`;
  database.exec(`
    CREATE TABLE ${table} (
      embedkit_rowid INTEGER PRIMARY KEY,
      ${id} TEXT NOT NULL UNIQUE,
      ${text} TEXT NOT NULL,
      ${metadata} TEXT NOT NULL DEFAULT '{}',
      ${vector} BLOB NOT NULL
    );
    CREATE VIRTUAL TABLE ${fullText} USING fts5(${text}, content=${quoteLiteral(name)}, content_rowid='embedkit_rowid');
    CREATE TRIGGER ${trigger('insert')} AFTER INSERT ON ${table} BEGIN ${add} END;
    CREATE TRIGGER ${trigger('delete')} AFTER DELETE ON ${table} BEGIN ${remove} END;
    CREATE TRIGGER ${trigger('update')} AFTER UPDATE ON ${table} BEGIN ${remove} ${add} END;
  `);
}

/**
 * A table another tool made: its columns must include the four `fields` name; the record is
 * `undefined` (core then checks only the dimension, read from the first vector).
 */
function openForeignTable(
  database: Database,
  name: string,
  record: CollectionRecord,
  fields: SqliteFields,
): SqliteCollection {
  const found = (
    database.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]
  ).map((column) => column.name);
  const missing = (Object.entries(fields) as [keyof SqliteFields, string][]).filter(
    ([, column]) => !found.includes(column),
  );
  if (missing.length > 0) {
    throw new InvalidConfigError({
      subject: 'sqlite-vec store fields',
      issues: missing.map(([field, column]) => ({
        path: `fields.${field}`,
        message: `table "${name}" (not created by embedkit) has no column "${column}" for the ${field} field; its columns are ${found.map((column) => `"${column}"`).join(', ')}. Set fields.${field} to one of them`,
      })),
    });
  }
  const collection = describe(name, fields, record.metric, undefined);
  const first = database
    .prepare(
      `SELECT vec_length(${collection.columns.vector}) AS dim FROM ${collection.table} WHERE ${collection.columns.vector} IS NOT NULL LIMIT 1`,
    )
    .get() as { dim: number } | undefined;
  return { ...collection, fullText: undefined, dim: first?.dim, created: false };
}

function tableExists(database: Database, name: string): boolean {
  return (
    database
      .prepare(`SELECT 1 FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?`)
      .get(name) !== undefined
  );
}

/** The error for an operation on a collection this driver has not opened. */
export function notOpened(name: string): StoreError {
  return new StoreError({
    store: sqliteStoreKind,
    message: `Collection "${name}" has not been opened on this sqlite-vec driver; call openCollection() first (createVectorStore does).`,
  });
}
