import type { EmbeddingConfig } from '../embedding/embedding-config.js';
import type { EmbeddingFunction } from '../embedding/embedding-function.js';
import type { EmbeddingSpace } from '../embedding/embedding-space.js';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { cosineSimilarity, dot, squaredEuclideanDistance } from '../vectors/similarity.js';
import { checkEmbeddingSpace } from './check-embedding-space.js';
import { matchesMetadataFilter } from './match-metadata-filter.js';
import { runIngestPipeline } from './run-ingest-pipeline.js';
import { prepareDocuments } from './validate-documents.js';
import type {
  AddDocumentsOptions,
  CollectionInfo,
  DeleteSelector,
  DocumentInput,
  SearchOptions,
  SearchResult,
  StoredDocument,
  VectorDocumentInput,
  VectorMetric,
  VectorStore,
} from './vector-store.js';

interface MemoryRow extends StoredDocument {
  vector: Float32Array;
}

interface MemoryCollection {
  embedding: EmbeddingConfig;
  space: EmbeddingSpace;
  metric: VectorMetric;
  rows: Map<string, MemoryRow>;
}

/**
 * Named collections held in memory. Stores that share a database share its collections, which is
 * how a second store built with another embedding function finds out it does not belong.
 */
export class MemoryDatabase {
  readonly collections = new Map<string, MemoryCollection>();
}

export interface MemoryVectorStoreOptions {
  embedding: EmbeddingFunction;
  /** Collection name. Default `documents`. */
  collection?: string;
  /** Default `cosine`. */
  metric?: VectorMetric;
  /** Share collections between stores; each store has its own database otherwise. */
  database?: MemoryDatabase;
}

/**
 * The reference `VectorStore`: exact search over vectors held in memory. The zero-dependency
 * default for tests, demos and small corpora (exact search is linear in the number of documents).
 */
export class MemoryVectorStore implements VectorStore {
  readonly kind = 'memory';
  readonly collection: string;
  readonly embedding: EmbeddingFunction;
  readonly metric: VectorMetric;
  readonly database: MemoryDatabase;

  constructor(options: MemoryVectorStoreOptions) {
    this.embedding = options.embedding;
    this.collection = options.collection ?? 'documents';
    this.metric = options.metric ?? 'cosine';
    this.database = options.database ?? new MemoryDatabase();
  }

  async ensureCollection(): Promise<CollectionInfo> {
    const dim = await this.embedding.resolveDim();
    const space = this.embedding.space;
    let collection = this.database.collections.get(this.collection);
    const created = collection === undefined;
    if (collection) {
      checkEmbeddingSpace(this.collection, collection.space, space);
    } else {
      collection = {
        embedding: this.embedding.toConfig(),
        space,
        metric: this.metric,
        rows: new Map(),
      };
      this.database.collections.set(this.collection, collection);
    }
    return {
      name: this.collection,
      embedding: collection.embedding,
      space,
      dim,
      metric: collection.metric,
      created,
    };
  }

  async addDocuments(
    documents: readonly DocumentInput[],
    options: AddDocumentsOptions = {},
  ): Promise<string[]> {
    const prepared = prepareDocuments(documents);
    const rows = await this.#rows();
    await runIngestPipeline({
      store: this.kind,
      embedding: this.embedding,
      documents: prepared,
      batchSize: options.batchSize,
      signal: options.signal,
      onProgress: options.onProgress,
      write: async (batch, vectors) => {
        for (const [index, row] of batch.entries())
          rows.set(row.id, { ...row, vector: vectors[index]! });
      },
    });
    return prepared.map((document) => document.id);
  }

  async addVectors(documents: readonly VectorDocumentInput[]): Promise<string[]> {
    const prepared = prepareDocuments(documents);
    const rows = await this.#rows();
    const vectors = documents.map((document, index) => this.#checkVector(document.vector, index));
    for (const [index, row] of prepared.entries())
      rows.set(row.id, { ...row, vector: vectors[index]! });
    return prepared.map((document) => document.id);
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    const [vector] = await this.embedding.encodeQueries([query], { signal: options.signal });
    return this.searchByVector(vector!, options);
  }

  async searchByVector(
    vector: Float32Array | readonly number[],
    options: SearchOptions = {},
  ): Promise<SearchResult[]> {
    const rows = await this.#rows();
    const query = this.#checkVector(vector);
    const topK = options.topK ?? 10;
    if (!Number.isInteger(topK) || topK < 1) {
      throw new InvalidInputError({ message: `topK must be a positive integer, got ${topK}.` });
    }
    const hits: SearchResult[] = [];
    for (const row of rows.values()) {
      if (!matchesMetadataFilter(row.metadata, options.filter)) continue;
      hits.push({
        id: row.id,
        text: row.text,
        metadata: row.metadata,
        score: this.#score(query, row.vector),
      });
    }
    hits.sort((left, right) =>
      this.metric === 'l2' ? left.score - right.score : right.score - left.score,
    );
    return hits.slice(0, topK);
  }

  async get(ids: readonly string[]): Promise<StoredDocument[]> {
    const rows = await this.#rows();
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [{ id: row.id, text: row.text, metadata: row.metadata }] : [];
    });
  }

  async delete(selector: DeleteSelector): Promise<void> {
    const rows = await this.#rows();
    if ('ids' in selector) {
      for (const id of selector.ids) rows.delete(id);
      return;
    }
    for (const [id, row] of rows) {
      if (matchesMetadataFilter(row.metadata, selector.filter)) rows.delete(id);
    }
  }

  async count(): Promise<number> {
    return (await this.#rows()).size;
  }

  async close(): Promise<void> {}

  async #rows(): Promise<Map<string, MemoryRow>> {
    await this.ensureCollection();
    return this.database.collections.get(this.collection)!.rows;
  }

  #checkVector(vector: Float32Array | readonly number[], index?: number): Float32Array {
    const dim = this.embedding.dim;
    if (vector.length !== dim) {
      throw new DimensionMismatchError({
        message: `${index === undefined ? 'The vector' : `Document ${index}'s vector`} has ${vector.length} dimensions; collection "${this.collection}" holds ${dim}.`,
        expected: dim,
        actual: vector.length,
      });
    }
    return Float32Array.from(vector);
  }

  #score(query: Float32Array, vector: Float32Array): number {
    if (this.metric === 'l2') return squaredEuclideanDistance(query, vector);
    if (this.metric === 'ip') return dot(query, vector);
    return cosineSimilarity(query, vector);
  }
}
