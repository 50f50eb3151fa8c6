import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { ClientTarget, StoreBenchClient } from './store-bench-task.js';

/**
 * SQLite through `better-sqlite3` with the `sqlite-vec` extension loaded: the same layout
 * embedkit's store makes (a rowid table with a unique text id and the vector as a float32 BLOB,
 * an FTS5 index on the text kept by a trigger), one transaction of prepared `INSERT … ON
 * CONFLICT DO UPDATE`s per batch, and an exact `vec_distance_cosine` scan on embedkit's table.
 */
export async function rawSqliteClient(task: ClientTarget): Promise<StoreBenchClient> {
  const database = new Database(task.engine.path!);
  sqliteVec.load(database);
  database.pragma('journal_mode = WAL');
  const ingest = quote(task.ingestCollection);
  const fullText = quote(`${task.ingestCollection}_text`);
  const searched = quote(task.searchCollection);
  let insertRow: Database.Statement | undefined;
  const searchRows = () =>
    database.prepare(
      `SELECT id, text, metadata, 1 - vec_distance_cosine(vector, ?) AS score FROM ${searched} ORDER BY score DESC LIMIT ?`,
    );
  let search: Database.Statement | undefined;
  return {
    prepare: async () => {
      database.exec(`
        CREATE TABLE ${ingest} (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, text TEXT NOT NULL, metadata TEXT NOT NULL, vector BLOB NOT NULL);
        CREATE VIRTUAL TABLE ${fullText} USING fts5(text, content=${ingest}, content_rowid='rowid');
        CREATE TRIGGER ${quote(`${task.ingestCollection}_text_insert`)} AFTER INSERT ON ${ingest} BEGIN INSERT INTO ${fullText} (rowid, text) VALUES (new.rowid, new.text); END;
      `);
      insertRow = database.prepare(
        `INSERT INTO ${ingest} (id, text, metadata, vector) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET text = excluded.text, metadata = excluded.metadata, vector = excluded.vector`,
      );
    },
    insert: async (rows) => {
      database.transaction(() => {
        for (const row of rows) {
          insertRow!.run(
            row.id,
            row.text,
            JSON.stringify(row.metadata),
            Buffer.from(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength),
          );
        }
      })();
    },
    beforeSearch: async () => {
      search = searchRows();
    },
    search: async (vector, topK) =>
      search!.all(Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), topK),
    countSearched: async () =>
      Number(
        (database.prepare(`SELECT count(*) AS count FROM ${searched}`).get() as { count: number })
          .count,
      ),
    close: async () => {
      database.close();
    },
  };
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
