import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { fuseHybridHits } from './fuse-hybrid-hits.js';
import type { SearchResult } from './vector-store.js';

const hits = (...entries: [string, number][]): SearchResult[] =>
  entries.map(([id, score]) => ({ id, text: id, metadata: {}, score }));

describe('fuseHybridHits', () => {
  it('sums 1 / (k + rank) over both lists for rrf, ranks from 1, ties by id', () => {
    const fused = fuseHybridHits({
      dense: hits(['a', 0.9], ['b', 0.8], ['c', 0.1]),
      fullText: hits(['c', 7], ['d', 3], ['a', 1]),
      ranker: { type: 'rrf', k: 10 },
      metric: 'cosine',
      topK: 10,
    });
    expect(fused.map((hit) => [hit.id, hit.score])).toEqual([
      ['a', 1 / 11 + 1 / 13],
      ['c', 1 / 13 + 1 / 11],
      ['b', 1 / 12],
      ['d', 1 / 12],
    ]);
    expect(
      fuseHybridHits({
        dense: hits(['a', 1]),
        fullText: [],
        ranker: { type: 'rrf' },
        metric: 'ip',
        topK: 1,
      })[0]!.score,
    ).toBe(1 / 61);
  });

  it('normalises each side by its metric and weighs them for weighted', () => {
    const fused = fuseHybridHits({
      dense: hits(['a', 0.5], ['b', -1]),
      fullText: hits(['b', 2]),
      ranker: { type: 'weighted', dense: 0.3, sparse: 0.7 },
      metric: 'cosine',
      topK: 10,
    });
    const textNorm = 0.5 + Math.atan(2) / Math.PI;
    expect(fused.map((hit) => hit.id)).toEqual(['b', 'a']);
    expect(fused[0]!.score).toBeCloseTo(0.3 * 0 + 0.7 * textNorm, 12);
    expect(fused[1]!.score).toBeCloseTo(0.3 * 0.75, 12);
    const l2 = fuseHybridHits({
      dense: hits(['near', 0], ['far', 100]),
      fullText: [],
      ranker: { type: 'weighted', dense: 1, sparse: 0 },
      metric: 'l2',
      topK: 10,
    });
    expect(l2.map((hit) => [hit.id, hit.score])).toEqual([
      ['near', 1],
      ['far', 1 - (2 * Math.atan(100)) / Math.PI],
    ]);
  });

  it('cuts at topK and refuses rankers it cannot apply', () => {
    const fused = fuseHybridHits({
      dense: hits(['a', 1], ['b', 0.5], ['c', 0.1]),
      fullText: [],
      ranker: { type: 'rrf' },
      metric: 'cosine',
      topK: 2,
    });
    expect(fused.map((hit) => hit.id)).toEqual(['a', 'b']);
    for (const ranker of [
      { type: 'rrf', k: 0 },
      { type: 'weighted', dense: 1.5, sparse: 0 },
      { type: 'weighted', dense: 0.5, sparse: Number.NaN },
      { type: 'mean' },
    ]) {
      expect(() =>
        fuseHybridHits({
          dense: [],
          fullText: [],
          ranker: ranker as never,
          metric: 'cosine',
          topK: 1,
        }),
      ).toThrow(InvalidInputError);
    }
  });
});
