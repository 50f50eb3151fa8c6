import type { EmbeddingFunction, EmbedProgress } from '@embedkit/core';
import { Embeddings } from '@langchain/core/embeddings';

/** Options of `toLangChain` / `new EmbedkitEmbeddings`. */
export interface EmbedkitEmbeddingsOptions {
  /** Called after every provider call embedkit makes (done, total, tokens, retries). */
  onProgress?: (progress: EmbedProgress) => void;
}

/**
 * An embedkit `EmbeddingFunction` as a LangChain `Embeddings`, for vector stores, retrievers and
 * anything else in LangChain.js that takes one: `embedDocuments` is `encodeDocuments`,
 * `embedQuery` is `encodeQueries`, so asymmetric models get their document and query tasks.
 *
 * Why the `AsyncCaller` is set to `maxRetries: 0` and unbounded concurrency: embedkit's runner
 * already batches, paces, retries (as the function's `retry` setting says) and bounds the calls
 * in flight; a second retry loop around it would multiply attempts on a failing server and a
 * second concurrency limit would only queue work embedkit has planned. Calls go to embedkit
 * directly; the caller is kept only because LangChain code may read it.
 */
export class EmbedkitEmbeddings extends Embeddings {
  /** The function behind this object. */
  readonly embedding: EmbeddingFunction;
  readonly #options: EmbedkitEmbeddingsOptions;

  constructor(embedding: EmbeddingFunction, options: EmbedkitEmbeddingsOptions = {}) {
    super({ maxRetries: 0, maxConcurrency: Number.POSITIVE_INFINITY });
    this.embedding = embedding;
    this.#options = options;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const vectors = await this.embedding.encodeDocuments(documents, this.#callOptions());
    return vectors.map((vector) => Array.from(vector));
  }

  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.embedding.encodeQueries([document], this.#callOptions());
    return Array.from(vector!);
  }

  #callOptions() {
    return this.#options.onProgress ? { onProgress: this.#options.onProgress } : {};
  }
}

/** `new EmbedkitEmbeddings(embedding, options)`: an embedkit function as a LangChain `Embeddings`. */
export function toLangChain(
  embedding: EmbeddingFunction,
  options: EmbedkitEmbeddingsOptions = {},
): EmbedkitEmbeddings {
  return new EmbedkitEmbeddings(embedding, options);
}
