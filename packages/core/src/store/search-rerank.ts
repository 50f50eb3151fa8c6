import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { Reranker } from '../rerank/reranker.js';
import type { SearchResult } from './vector-store.js';

/**
 * Two-stage retrieval in one call: the store fetches `candidates` hits by vector (or hybrid)
 * search, then the reranker orders them and the best `topK` are returned, each with the
 * reranker's score. It lives in core's store, so it works the same on every store.
 */
export interface SearchRerank {
  reranker: Reranker;
  /**
   * Hits fetched before reranking; at least `topK`. Default `max(topK * 3, 30)`: a reranker can
   * only promote documents the first stage found.
   */
  candidates?: number;
}

/** Checks a `rerank` search option before anything is paid for; returns the candidate count. */
export function checkSearchRerank(rerank: SearchRerank, topK: number): number {
  if (
    typeof rerank !== 'object' ||
    rerank === null ||
    typeof rerank.reranker?.rerank !== 'function'
  ) {
    throw new InvalidInputError({
      message:
        'rerank takes { reranker, candidates? } with a Reranker such as createCohereReranker().',
    });
  }
  const candidates = rerank.candidates ?? Math.max(topK * 3, 30);
  if (!Number.isInteger(candidates) || candidates < topK) {
    throw new InvalidInputError({
      message: `rerank.candidates must be an integer of at least topK (${topK}), got ${JSON.stringify(candidates)}; the reranker can only order hits the search fetched.`,
    });
  }
  return candidates;
}

/** Reranks store hits against the query: the best `topK`, each scored by the reranker. */
export async function rerankHits(
  query: string,
  hits: readonly SearchResult[],
  rerank: SearchRerank,
  topK: number,
  signal: AbortSignal | undefined,
): Promise<SearchResult[]> {
  if (hits.length === 0) return [];
  const results = await rerank.reranker.rerank(query, hits, { topN: topK, signal });
  return results.map((result) => ({ ...result.document, score: result.score }));
}
