/** Rows of one statement, as the client parsed them (`jsonb` as objects, `float8` as numbers). */
export type SqlRow = Record<string, unknown>;

/** Runs statements: on the pool, on PGlite, or inside one transaction of either. */
export interface SqlExecutor {
  query(sql: string, parameters?: readonly unknown[]): Promise<SqlRow[]>;
}

/**
 * What the driver talks to: node-postgres' pool or PGlite behind one small interface, so every
 * SQL statement is written once. `transaction` runs its callback on one connection between
 * `BEGIN` and `COMMIT` (rolled back when it throws), which is what `SET LOCAL`-style settings
 * (`set_config(…, true)`) and the create-once lock need.
 */
export interface SqlConnection extends SqlExecutor {
  transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
  /** Releases what the driver opened; an injected pool or PGlite is left open. */
  close(): Promise<void>;
}

/**
 * The part of node-postgres' `Pool` the driver uses (a `pg.Pool` satisfies it). Typed
 * structurally so the package's types do not depend on `@types/pg`.
 */
export interface PostgresPool {
  query(sql: string, values?: unknown[]): Promise<{ rows: SqlRow[] }>;
  connect(): Promise<PostgresPoolClient>;
  end(): Promise<void>;
  /** Present on `pg.Pool`: its connection options, read for `location` (never the password). */
  readonly options?: { host?: string; port?: number; database?: string; connectionString?: string };
}

/** A connection checked out of a `PostgresPool`. */
export interface PostgresPoolClient {
  query(sql: string, values?: unknown[]): Promise<{ rows: SqlRow[] }>;
  release(error?: Error | boolean): void;
}

/**
 * The part of a PGlite instance the driver uses (`PGlite` satisfies it). The instance must have
 * the `vector` extension loaded (`extensions: { vector }` from `@electric-sql/pglite-pgvector`).
 */
export interface PgliteDatabase {
  query<Row>(sql: string, parameters?: unknown[]): Promise<{ rows: Row[] }>;
  transaction<T>(
    work: (transaction: {
      query<Row>(sql: string, parameters?: unknown[]): Promise<{ rows: Row[] }>;
    }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
  readonly closed?: boolean;
}

/** A `SqlConnection` on a node-postgres pool; `close()` ends the pool only when `owned`. */
export function poolConnection(pool: PostgresPool, owned: boolean): SqlConnection {
  return {
    query: async (sql, parameters = []) => (await pool.query(sql, [...parameters])).rows,
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (sql, parameters = []) => (await client.query(sql, [...parameters])).rows,
        });
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A connection whose rollback fails is broken: release it as such so the pool drops it.
        await client.query('ROLLBACK').then(
          () => client.release(),
          (rollbackError: Error) => client.release(rollbackError),
        );
        throw error;
      }
    },
    close: async () => {
      if (owned) await pool.end();
    },
  };
}

/** A `SqlConnection` on PGlite; `release` runs on `close()` (the shared instance's refcount). */
export function pgliteConnection(
  database: PgliteDatabase,
  release: () => Promise<void>,
): SqlConnection {
  return {
    query: async (sql, parameters = []) =>
      (await database.query<SqlRow>(sql, [...parameters])).rows,
    transaction: (work) =>
      database.transaction((transaction) =>
        work({
          query: async (sql, parameters = []) =>
            (await transaction.query<SqlRow>(sql, [...parameters])).rows,
        }),
      ),
    close: release,
  };
}
