import type { EmbeddingFunction } from '../embedding/embedding-function.js';
import type { SparseEmbeddingFunction } from '../sparse/sparse-embedding-function.js';
import { DriverVectorStore } from './create-vector-store.js';
import type { MemoryDatabase } from './memory-database.js';
import { MemoryStoreDriver } from './memory-store-driver.js';
import type { VectorMetric } from './vector-store.js';

export interface MemoryVectorStoreOptions {
  embedding: EmbeddingFunction;
  /**
   * A sparse embedding (such as `@embedkit/bm25`) kept beside the dense one, so
   * `hybridSearch(text)` fuses a dense and a sparse query; see `createVectorStore`.
   */
  sparseEmbedding?: SparseEmbeddingFunction;
  /** Collection name. Default `documents`. */
  collection?: string;
  /** Default `cosine`. */
  metric?: VectorMetric;
  /** Share collections between stores; each store has its own database otherwise. */
  database?: MemoryDatabase;
  /** A JSON file to load the database from and save it to on `flush()` and `close()`. */
  path?: string;
  /** How long a writer waits for another process's lock on `path` before failing. Default 60 s. */
  lockTimeoutMs?: number;
}

/**
 * The reference `VectorStore`: `createVectorStore` on the in-memory driver. Exact search, no
 * dependencies; for tests, demos and small corpora.
 */
export class MemoryVectorStore extends DriverVectorStore {
  readonly database: MemoryDatabase;

  constructor(options: MemoryVectorStoreOptions) {
    const driver = new MemoryStoreDriver({
      database: options.database,
      path: options.path,
      lockTimeoutMs: options.lockTimeoutMs,
    });
    super({
      driver,
      embedding: options.embedding,
      collection: options.collection,
      metric: options.metric,
      ...(options.sparseEmbedding ? { sparseEmbedding: options.sparseEmbedding } : {}),
    });
    this.database = driver.database;
  }
}
