import pg from 'pg';
import type { BenchRow, ClientTarget, StoreBenchClient } from './store-bench-task.js';

/** The one call both node-postgres and PGlite answer: a statement with bound parameters. */
interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

/**
 * PostgreSQL through its own clients: `pg` against the server, `@electric-sql/pglite` (with its
 * vector extension) on PGlite's directory. The raw table is `LIKE` embedkit's `INCLUDING ALL`
 * (same columns, generated `tsvector`, GIN and HNSW indexes), so both clients write the same
 * rows into the same structures; rows go in as one multi-row `INSERT … ON CONFLICT DO UPDATE`
 * per batch with `$n::vector` text literals, and the search is the plain HNSW query.
 */
export async function rawPostgresClient(task: ClientTarget): Promise<StoreBenchClient> {
  const runner = task.kind === 'pglite' ? await openPglite(task.engine.path!) : openPool(task);
  const ingest = quote(task.ingestCollection);
  const searched = quote(task.searchCollection);
  const template = quote(task.templateCollection ?? task.searchCollection);
  const searchSql = `SELECT id, text, metadata, embedding <=> $1::vector AS distance FROM ${searched} ORDER BY embedding <=> $1::vector LIMIT $2`;
  return {
    prepare: async () => {
      await runner.query(`CREATE TABLE ${ingest} (LIKE ${template} INCLUDING ALL)`);
    },
    insert: async (rows) => {
      const { sql, parameters } = insertStatement(ingest, rows);
      await runner.query(sql, parameters);
    },
    search: async (vector, topK) =>
      (await runner.query(searchSql, [literal(vector), topK])).rows.map((row) => ({
        ...row,
        score: 1 - Number(row.distance),
      })),
    countSearched: async () =>
      Number((await runner.query(`SELECT count(*) AS count FROM ${searched}`)).rows[0]!.count),
    close: () => runner.close(),
  };
}

function openPool(task: ClientTarget): SqlRunner {
  const pool = new pg.Pool({ connectionString: task.engine.address! });
  return { query: (sql, parameters) => pool.query(sql, parameters), close: () => pool.end() };
}

async function openPglite(path: string): Promise<SqlRunner> {
  const [{ PGlite }, { vector }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
  ]);
  const database = await PGlite.create(path, { extensions: { vector } });
  return {
    query: (sql, parameters) =>
      database.query<Record<string, unknown>>(sql, parameters as unknown[] | undefined),
    close: () => database.close(),
  };
}

function insertStatement(table: string, rows: readonly BenchRow[]) {
  const parameters: unknown[] = [];
  const values = rows.map((row) => {
    const at = parameters.length;
    parameters.push(row.id, literal(row.vector), row.text, JSON.stringify(row.metadata));
    return `($${at + 1}, $${at + 2}::vector, $${at + 3}, $${at + 4}::jsonb)`;
  });
  return {
    sql: `INSERT INTO ${table} (id, embedding, text, metadata) VALUES ${values.join(', ')} ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding, text = EXCLUDED.text, metadata = EXCLUDED.metadata`,
    parameters,
  };
}

/** pgvector's text form, `[0.1,0.2,…]`. */
function literal(vector: Float32Array): string {
  return `[${Array.prototype.join.call(vector, ',')}]`;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
