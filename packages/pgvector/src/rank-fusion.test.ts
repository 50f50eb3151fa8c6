import { describe, expect, it } from 'vitest';
import { describeConnectionString } from './open-sql-connection.js';
import { fuseRankings, normalizeDenseScore } from './rank-fusion.js';

const hit = (id: string, score: number) => ({ id, text: id, metadata: {}, score });

describe('fuseRankings', () => {
  it('sums 1 / (k + rank) over both lists, ties by id', () => {
    const fused = fuseRankings(
      { hits: [hit('a', 0.9), hit('b', 0.8)], normalize: (score) => score },
      { hits: [hit('b', 0.5), hit('c', 0.4), hit('a', 0.1)], normalize: (score) => score },
      { type: 'rrf', k: 10 },
      3,
    );
    expect(fused.map((entry) => entry.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 12 + 1 / 11, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 11 + 1 / 13, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 12, 12);
    // Mirrored ranks tie exactly, so the id decides.
    const tied = fuseRankings(
      { hits: [hit('y', 1), hit('x', 0)], normalize: (score) => score },
      { hits: [hit('x', 1), hit('y', 0)], normalize: (score) => score },
      { type: 'rrf' },
      2,
    );
    expect(tied.map((entry) => entry.id)).toEqual(['x', 'y']);
    expect(tied[0]!.score).toBe(tied[1]!.score);
  });

  it('weights normalized scores', () => {
    const fused = fuseRankings(
      { hits: [hit('a', 1), hit('b', 0)], normalize: normalizeDenseScore('cosine') },
      { hits: [hit('b', 0.5)], normalize: (score) => score },
      { type: 'weighted', dense: 0.25, sparse: 0.75 },
      5,
    );
    expect(fused).toEqual([
      { ...hit('b', 0.25 * 0.5 + 0.75 * 0.5), text: 'b' },
      { ...hit('a', 0.25), text: 'a' },
    ]);
  });

  it('maps each metric into [0, 1], higher is better', () => {
    expect(normalizeDenseScore('ip')(0)).toBe(0.5);
    expect(normalizeDenseScore('l2')(0)).toBe(1);
    expect(normalizeDenseScore('l2')(1e9)).toBeCloseTo(0, 6);
  });
});

describe('describeConnectionString', () => {
  it('keeps host, port and database, never the user or password', () => {
    expect(describeConnectionString('postgres://u:p%40ss@h.example:5433/db?password=x')).toBe(
      'postgres://h.example:5433/db',
    );
    expect(describeConnectionString("host=h port=6000 dbname=rag password='x y'")).toBe(
      'postgres://h:6000/rag',
    );
  });
});
