import { InvalidConfigError } from '@embedkit/core';
import { openPglite } from './open-pglite.js';
import type { PgvectorDatabaseOptions } from './pgvector-store-settings.js';
import {
  type PostgresPool,
  pgliteConnection,
  poolConnection,
  type SqlConnection,
} from './sql-connection.js';

/** Which database a driver uses, decided once from its options. */
export type DatabaseTarget =
  | { type: 'pool'; pool: PostgresPool }
  | { type: 'pglite-instance'; database: NonNullable<PgvectorDatabaseOptions['pglite']> }
  | { type: 'pglite'; path: string }
  | { type: 'postgres'; connectionString?: string; connectionStringEnv?: string };

/**
 * The database target: an injected pool or PGlite first, then a configured connection string
 * (given, or named by its variable), else PGlite on `path`.
 */
export function databaseTarget(
  options: PgvectorDatabaseOptions & {
    connectionString?: string;
    connectionStringEnv?: string;
    path: string;
  },
): DatabaseTarget {
  if (options.pool) return { type: 'pool', pool: options.pool };
  if (options.pglite) return { type: 'pglite-instance', database: options.pglite };
  if (options.connectionString !== undefined || options.connectionStringEnv !== undefined) {
    return {
      type: 'postgres',
      connectionString: options.connectionString,
      connectionStringEnv: options.connectionStringEnv,
    };
  }
  return { type: 'pglite', path: options.path };
}

/** Opens the target: PGlite is started (or shared), a pool is created; nothing is queried yet. */
export async function openSqlConnection(target: DatabaseTarget): Promise<SqlConnection> {
  switch (target.type) {
    case 'pool':
      return poolConnection(target.pool, false);
    case 'pglite-instance':
      return pgliteConnection(target.database, async () => {});
    case 'pglite': {
      const { database, release } = await openPglite(target.path);
      return pgliteConnection(database, release);
    }
    case 'postgres': {
      const connectionString = resolveConnectionString(target);
      const { default: pg } = await import('pg');
      const pool = new pg.Pool({ connectionString });
      // An idle connection the server drops must not crash the process; the next query reconnects.
      pool.on('error', () => {});
      return poolConnection(pool as unknown as PostgresPool, true);
    }
  }
}

function resolveConnectionString(target: {
  connectionString?: string;
  connectionStringEnv?: string;
}): string {
  if (target.connectionString !== undefined) return target.connectionString;
  const variable = target.connectionStringEnv ?? 'DATABASE_URL';
  const value = process.env[variable];
  if (!value) {
    throw new InvalidConfigError({
      subject: 'PostgreSQL store settings',
      issues: [
        {
          path: 'connectionStringEnv',
          message: `the environment variable ${variable} is not set; set it to a connection string such as postgres://user:password@host:5432/database, or name another variable with connectionStringEnv`,
        },
      ],
    });
  }
  return value;
}

/**
 * Where a connection string points, for messages: `postgres://host:port/database`, without user
 * or password (and without query parameters, which may carry a password too).
 */
export function describeConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.hostname || 'localhost';
    const port = url.port || '5432';
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return `postgres://${host}:${port}/${database}`;
  } catch {
    // A key=value connection string: keep only host, port and dbname.
    const pairs = Object.fromEntries(
      [...connectionString.matchAll(/(\w+)\s*=\s*('[^']*'|\S+)/g)].map((match) => [
        match[1]!,
        match[2]!.replace(/^'|'$/g, ''),
      ]),
    );
    return `postgres://${pairs.host ?? 'localhost'}:${pairs.port ?? '5432'}/${pairs.dbname ?? ''}`;
  }
}

/** `location` of a driver on this target: a path or host/port/database, never a password. */
export function targetLocation(target: DatabaseTarget): string {
  switch (target.type) {
    case 'pglite':
      return target.path;
    case 'pglite-instance':
      return 'the injected PGlite instance';
    case 'pool': {
      const options = target.pool.options;
      if (options?.connectionString) return describeConnectionString(options.connectionString);
      if (options?.host || options?.database) {
        return `postgres://${options.host ?? 'localhost'}:${options.port ?? 5432}/${options.database ?? ''}`;
      }
      return 'the injected PostgreSQL pool';
    }
    case 'postgres': {
      if (target.connectionString !== undefined) {
        return describeConnectionString(target.connectionString);
      }
      const variable = target.connectionStringEnv ?? 'DATABASE_URL';
      const value = process.env[variable];
      return value ? describeConnectionString(value) : `$${variable}`;
    }
  }
}
