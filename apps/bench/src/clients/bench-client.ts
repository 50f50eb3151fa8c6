import type { ServiceLimits } from '../simulator/service-limits.js';

/** Where a client finds the simulated service, and the embedding space every client uses. */
export interface BenchClientContext {
  /** Simulator origin, `http://127.0.0.1:<port>`. */
  readonly simulatorUrl: string;
  readonly apiKey: string;
  readonly model: 'jina-embeddings-v3';
  readonly dimensions: 1024;
  /**
   * Whether the service enforces `ingestService`'s rate limits (the ingest scenario); the canned
   * server of the decode and memory scenarios enforces none. Clients that can pace themselves to
   * published limits are configured with them only when they exist.
   */
  readonly rateLimited: boolean;
  /**
   * A per-attempt timeout to set where the client has one (the faults scenario, whose stalls
   * never answer); absent, each client keeps its default.
   */
  readonly attemptTimeoutMs?: number;
  /**
   * The service's published limits, given to every client that can use them (pacing, batch
   * sizes, concurrency, backoff in compressed time); set whenever `rateLimited` is.
   */
  readonly limits?: ServiceLimits;
}

/** A configured client, ready to embed. */
export interface BenchEmbedder {
  /** Embeds documents (`retrieval.passage` where the client supports tasks). */
  embedDocuments(texts: string[]): Promise<ArrayLike<number>[]>;
  /** Embeds one query (`retrieval.query`). */
  embedQuery(text: string): Promise<ArrayLike<number>>;
  /** Retries the client reports itself (only clients that expose them). */
  retries?(): number;
}

/**
 * One library under test, configured with its best documented settings for throughput (stated
 * in `client-catalog.ts`). Each lives in its own file and is imported only by the worker that
 * measures it, so no client pays for loading the others.
 */
export interface BenchClient {
  readonly id: string;
  create(context: BenchClientContext): Promise<BenchEmbedder>;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunked<Item>(items: readonly Item[], size: number): Item[][] {
  const chunks: Item[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
