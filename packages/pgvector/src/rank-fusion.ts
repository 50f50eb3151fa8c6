import {
  type HybridRanker,
  InvalidInputError,
  type SearchResult,
  type VectorMetric,
} from '@embedkit/core';

/** One side's hits, best first, with that side's raw score. */
export interface RankedSide {
  hits: readonly SearchResult[];
  /** Maps the side's raw score into [0, 1], higher is better (for the `weighted` ranker). */
  normalize: (score: number) => number;
}

/** Checks a ranker before anything is queried; an unknown type or a bad number is refused. */
export function checkRanker(ranker: HybridRanker): void {
  if (ranker?.type === 'rrf') {
    const k = ranker.k ?? 60;
    if (!Number.isFinite(k) || k <= 0) {
      throw new InvalidInputError({ message: `RRF k must be a positive number, got ${k}.` });
    }
    return;
  }
  if (ranker?.type === 'weighted') {
    for (const [side, weight] of Object.entries({ dense: ranker.dense, sparse: ranker.sparse })) {
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 1) {
        throw new InvalidInputError({
          message: `The ${side} weight must be between 0 and 1, got ${weight}.`,
        });
      }
    }
    return;
  }
  throw new InvalidInputError({
    message: `Unknown ranker type "${(ranker as { type?: unknown } | undefined)?.type}"; use "rrf" or "weighted".`,
  });
}

/**
 * Merges the dense and the full-text hit lists. `rrf`: score = Σ 1 / (k + rank), rank counted
 * from 1 in each list a document appears in. `weighted`: score = dense · normalized dense score
 * + sparse · normalized full-text score (a side a document is missing from adds 0). Best first,
 * equal scores by id; the first `topK`.
 */
export function fuseRankings(
  dense: RankedSide,
  sparse: RankedSide,
  ranker: HybridRanker,
  topK: number,
): SearchResult[] {
  const merged = new Map<string, SearchResult>();
  const sides: [RankedSide, number][] =
    ranker.type === 'rrf'
      ? [
          [dense, 1],
          [sparse, 1],
        ]
      : [
          [dense, ranker.dense],
          [sparse, ranker.sparse],
        ];
  for (const [side, weight] of sides) {
    side.hits.forEach((hit, index) => {
      const contribution =
        ranker.type === 'rrf'
          ? 1 / ((ranker.k ?? 60) + index + 1)
          : weight * side.normalize(hit.score);
      const existing = merged.get(hit.id);
      if (existing) existing.score += contribution;
      else merged.set(hit.id, { ...hit, score: contribution });
    });
  }
  return [...merged.values()]
    .sort((left, right) => right.score - left.score || compareIds(left.id, right.id))
    .slice(0, topK);
}

/** Code point order, as `COLLATE "C"` orders ids in SQL. */
export function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * A dense score in [0, 1]: cosine similarity as (1 + s) / 2, an inner product through
 * ½ + atan(s)/π, a squared distance through 1 − 2·atan(d)/π (0 distance is 1).
 */
export function normalizeDenseScore(metric: VectorMetric): (score: number) => number {
  if (metric === 'cosine') return (score) => (1 + score) / 2;
  if (metric === 'ip') return (score) => 0.5 + Math.atan(score) / Math.PI;
  return (score) => 1 - (2 * Math.atan(score)) / Math.PI;
}
