import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { matchesFilterNode } from './match-filter-node.js';
import { filterNodeOperators } from './metadata-filter.js';
import { parseMetadataFilter } from './parse-metadata-filter.js';

const rows = {
  a: { n: 1, s: 'apple', b: true },
  b: { n: 2, s: 'banana', b: false },
  c: { n: 3, s: 'cherry' },
  d: { s: 'date', other: null },
  e: { n: 2.5 },
};

function ids(filter: unknown): string[] {
  const node = parseMetadataFilter(filter);
  return Object.entries(rows)
    .filter(([, metadata]) => matchesFilterNode(metadata, node))
    .map(([id]) => id);
}

describe('parseMetadataFilter and matchesFilterNode', () => {
  it('reads scalars as equality, type-strictly', () => {
    expect(ids({ s: 'apple' })).toEqual(['a']);
    expect(ids({ n: 2 })).toEqual(['b']);
    expect(ids({ n: '2' })).toEqual([]);
    expect(ids({ b: false })).toEqual(['b']);
    expect(ids({ n: 1, s: 'apple' })).toEqual(['a']);
    expect(ids({})).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('compares numbers numerically and strings by code point, never across types', () => {
    expect(ids({ n: { gt: 2 } })).toEqual(['c', 'e']);
    expect(ids({ n: { gte: 2, lt: 3 } })).toEqual(['b', 'e']);
    expect(ids({ n: { lte: 1 } })).toEqual(['a']);
    expect(ids({ s: { gt: 'banana' } })).toEqual(['c', 'd']);
    expect(ids({ s: { lt: 'b' } })).toEqual(['a']);
    expect(ids({ n: { gt: 'a' } })).toEqual([]);
  });

  it('matches ne and nin only where the key holds a value', () => {
    expect(ids({ n: { ne: 2 } })).toEqual(['a', 'c', 'e']);
    expect(ids({ s: { nin: ['apple', 'date'] } })).toEqual(['b', 'c']);
    expect(ids({ n: { in: [1, 3, '2'] } })).toEqual(['a', 'c']);
    expect(ids({ b: { ne: true } })).toEqual(['b']);
  });

  it('treats a null value as absent for exists', () => {
    expect(ids({ b: { exists: true } })).toEqual(['a', 'b']);
    expect(ids({ other: { exists: false } })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids({ n: { exists: false } })).toEqual(['d']);
  });

  it('nests and / or to any depth', () => {
    expect(ids({ or: [{ n: 1 }, { s: 'date' }] })).toEqual(['a', 'd']);
    expect(
      ids({ and: [{ n: { gte: 2 } }, { or: [{ s: 'banana' }, { s: { exists: false } }] }] }),
    ).toEqual(['b', 'e']);
    // An empty branch of an `or` is always true, so the whole `or` is.
    expect(ids({ or: [{}, { n: 1 }] })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(parseMetadataFilter({ or: [{}, { n: 1 }] })).toBeUndefined();
  });

  it('normalizes into a tree drivers can compile', () => {
    expect(parseMetadataFilter({ n: { gte: 1, lt: 3 }, s: { in: ['x'] } })).toEqual({
      type: 'and',
      filters: [
        { type: 'compare', key: 'n', operator: 'gte', value: 1 },
        { type: 'compare', key: 'n', operator: 'lt', value: 3 },
        { type: 'member', key: 's', operator: 'in', values: ['x'] },
      ],
    });
    const node = parseMetadataFilter({ or: [{ a: { exists: true } }, { b: { nin: [1] } }] })!;
    expect([...filterNodeOperators(node)].sort()).toEqual(['exists', 'nin', 'or']);
  });

  it.each([
    [
      { n: { regex: 'x' } },
      /unknown operator "regex"; supported: eq, ne, gt, gte, lt, lte, in, nin, exists/,
    ],
    [{ k: { in: 'x' } }, /Filter "k"\.in takes a non-empty list of values/],
    [{ k: { in: [] } }, /non-empty list/],
    [{ k: null }, /is null; filters do not compare with null.*exists": false/],
    [{ k: { gt: true } }, /compares with a number or a string/],
    [{ k: { exists: 'yes' } }, /takes true or false/],
    [{ k: {} }, /has no condition/],
    [{ k: [1, 2] }, /is a list; to match any of several values write \{ "in": \[1,2\] \}/],
    [{ or: [] }, /Filter or must be a non-empty list of filters/],
    [{ and: { n: 1 } }, /Filter and must be a non-empty list/],
    [
      { or: [{ n: { gt: Number.NaN } }] },
      /Filter or\[0\]\."n"\.gt \(gt\) takes a string, a finite number or a boolean, got NaN/,
    ],
    ['n > 1', /The filter must be an object/],
    [[{ n: 1 }], /The filter must be an object .* got a list/],
  ])('refuses %j with a message that says what is accepted', (filter, message) => {
    expect(() => parseMetadataFilter(filter)).toThrow(InvalidInputError);
    expect(() => parseMetadataFilter(filter)).toThrow(message);
  });

  it('refuses operators a store cannot express, naming them and the store', () => {
    const supported = { operators: ['eq', 'in', 'and'] as const, store: 'example' };
    expect(parseMetadataFilter({ n: { in: [1] } }, supported)).toBeDefined();
    expect(() =>
      parseMetadataFilter({ or: [{ n: { exists: true } }, { n: 1 }] }, supported),
    ).toThrow('The example store cannot filter with "or", "exists"; it supports eq, in, and.');
  });
});
