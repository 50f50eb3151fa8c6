import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { SearchResult, VectorMetric } from './vector-store.js';
import type { HybridRanker } from './vector-store-driver.js';

/**
 * Merges the dense and the full-text hit lists (each best first) with core's `HybridRanker`,
 * the way Milvus' rankers do, so `hybridSearch` means the same on every store:
 *
 * - `rrf`: `score = Σ 1 / (k + rank)` over the lists a hit is in, ranks counted from 1.
 * - `weighted`: `score = dense · norm(denseScore) + sparse · norm(textScore)`, each side's raw
 *   score mapped into [0, 1] first: cosine `(1 + s) / 2`; ip and full-text relevance
 *   `0.5 + atan(s) / π`; l2 distance `1 − 2·atan(d) / π` (closer is higher).
 *
 * Higher is better; equal scores are ordered by id ascending. Returns the best `topK`.
 */
export function fuseHybridHits(options: {
  dense: readonly SearchResult[];
  fullText: readonly SearchResult[];
  ranker: HybridRanker;
  metric: VectorMetric;
  topK: number;
}): SearchResult[] {
  const { dense, fullText, ranker, metric, topK } = options;
  const contribution = sideScores(ranker, metric);
  const fused = new Map<string, SearchResult>();
  const add = (hits: readonly SearchResult[], side: 'dense' | 'fullText') => {
    hits.forEach((hit, index) => {
      const score = contribution(side, hit.score, index + 1);
      const existing = fused.get(hit.id);
      if (existing) existing.score += score;
      else fused.set(hit.id, { ...hit, score });
    });
  };
  add(dense, 'dense');
  add(fullText, 'fullText');
  return [...fused.values()]
    .sort((left, right) => right.score - left.score || compareIds(left.id, right.id))
    .slice(0, topK);
}

function sideScores(
  ranker: HybridRanker,
  metric: VectorMetric,
): (side: 'dense' | 'fullText', score: number, rank: number) => number {
  if (ranker.type === 'rrf') {
    const k = ranker.k ?? 60;
    if (!Number.isFinite(k) || k <= 0) {
      throw new InvalidInputError({ message: `RRF k must be a positive number, got ${k}.` });
    }
    return (_side, _score, rank) => 1 / (k + rank);
  }
  if (ranker.type === 'weighted') {
    for (const [side, weight] of Object.entries({ dense: ranker.dense, sparse: ranker.sparse })) {
      if (!Number.isFinite(weight) || weight < 0 || weight > 1) {
        throw new InvalidInputError({
          message: `The ${side} weight must be between 0 and 1, got ${weight}.`,
        });
      }
    }
    const denseNorm =
      metric === 'cosine'
        ? (score: number) => (1 + score) / 2
        : metric === 'ip'
          ? arctanNorm
          : (distance: number) => 1 - (2 * Math.atan(distance)) / Math.PI;
    return (side, score) =>
      side === 'dense' ? ranker.dense * denseNorm(score) : ranker.sparse * arctanNorm(score);
  }
  throw new InvalidInputError({
    message: `Unknown ranker type "${(ranker as { type?: unknown }).type}"; use "rrf" or "weighted".`,
  });
}

function arctanNorm(score: number): number {
  return 0.5 + Math.atan(score) / Math.PI;
}

/** Id order for ties: UTF-8 bytes, i.e. code points, as SQLite's BINARY collation orders them. */
export function compareIds(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}
