import type { EmbeddingConfig } from '../embedding/embedding-config.js';
import type { SparseVector } from './sparse-vector.js';

/** Options of a sparse encode call. */
export interface SparseEncodeOptions {
  /** Stops the call; a remote provider aborts its request, a local one stops between inputs. */
  signal?: AbortSignal;
}

/**
 * A plain, secret-free description of a sparse embedding function, from which a sparse
 * registry rebuilds an equal one: `{ provider, model, dim, ...settings }` like `EmbeddingConfig`.
 */
export type SparseEmbeddingConfig = EmbeddingConfig;

/**
 * A function from texts to sparse vectors (BM25, SPLADE, a provider's sparse output), for the
 * lexical side of hybrid search.
 *
 * Why a contract of its own and not an `EmbeddingFunction` with another vector type: sparse
 * vectors live in a different index space (a vocabulary, not a fixed number of dimensions),
 * documents and queries are usually encoded differently (BM25 weights term frequencies on the
 * document side and IDF on the query side, so their dot product is the BM25 score), and stores
 * keep them in a field of their own beside the dense vector.
 */
export interface SparseEmbeddingFunction {
  /** Provider id as used in configs, e.g. `bm25`. */
  readonly provider: string;
  /** Model id, e.g. `bm25-en`; what the vocabulary and weights mean. */
  readonly model: string;
  /**
   * Size of the index space: every index is below it (BM25: the fitted vocabulary's size). Stores
   * that need a declared size (pgvector `sparsevec(n)`) use it.
   */
  readonly dim: number;
  /** Sparse vectors for texts to be stored, in input order. */
  encodeDocuments(texts: readonly string[], options?: SparseEncodeOptions): Promise<SparseVector[]>;
  /** Sparse vectors for search queries, in input order; their dot product with a document's scores it. */
  encodeQueries(texts: readonly string[], options?: SparseEncodeOptions): Promise<SparseVector[]>;
  /** A plain, secret-free object from which a sparse registry rebuilds an equal function. */
  toConfig(): SparseEmbeddingConfig;
}
