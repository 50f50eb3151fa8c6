import { type FilterNode, type Metadata, matchesFilterNode } from '@embedkit/core';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { metadataPath, sqliteFilterClause } from './sqlite-filter-clause.js';

/** Rows whose keys keep one type each, as the filter spec's fixtures do; odd keys included. */
const rows: Record<string, Record<string, unknown>> = {
  a: { n: 1, s: 'apple', flag: true, 'a.b': 'dotted', 'it"s': 1, "it's": 'x' },
  b: { n: 2.5, s: 'banana', flag: false, 'a.b': 'other' },
  c: { n: 10, s: 'Cherry', nested: { n: 1 } },
  d: { s: null, flag: true, list: [1, 2] },
  e: { n: -3, s: 'apple pie' },
  f: { n: '1', s: '10' },
};

const database = new BetterSqlite3(':memory:');
database.exec('CREATE TABLE rows (id TEXT PRIMARY KEY, metadata TEXT)');
for (const [id, metadata] of Object.entries(rows)) {
  database.prepare('INSERT INTO rows VALUES (?, ?)').run(id, JSON.stringify(metadata));
}
afterAll(() => database.close());

function matching(filter: FilterNode): string[] {
  const clause = sqliteFilterClause(filter, 'metadata');
  return (
    database
      .prepare(`SELECT id FROM rows WHERE ${clause.sql} ORDER BY id`)
      .all(...clause.parameters) as { id: string }[]
  ).map((row) => row.id);
}

const compare = (
  key: string,
  operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte',
  value: string | number | boolean,
): FilterNode => ({ type: 'compare', key, operator, value });

describe('sqliteFilterClause', () => {
  it('compares type-strictly: 1 is not "1", true is not 1, 1 equals 1.0', () => {
    expect(matching(compare('n', 'eq', 1))).toEqual(['a']);
    expect(matching(compare('n', 'eq', 1.0))).toEqual(['a']);
    expect(matching(compare('n', 'eq', '1'))).toEqual(['f']);
    expect(matching(compare('flag', 'eq', true))).toEqual(['a', 'd']);
    expect(matching(compare('flag', 'eq', false))).toEqual(['b']);
    expect(matching(compare('it"s', 'eq', true))).toEqual([]);
  });

  it('orders numbers numerically and strings by code point, never across types', () => {
    expect(matching(compare('n', 'gt', 1))).toEqual(['b', 'c']);
    expect(matching(compare('n', 'gte', 1))).toEqual(['a', 'b', 'c']);
    expect(matching(compare('n', 'lt', 2.5))).toEqual(['a', 'e']);
    expect(matching(compare('n', 'lte', 2.5))).toEqual(['a', 'b', 'e']);
    // Upper case sorts before lower case by code point ("C" < "a"); "10" is a string, not 10.
    expect(matching(compare('s', 'lt', 'apple'))).toEqual(['c', 'f']);
    expect(matching(compare('s', 'gt', 'apple'))).toEqual(['b', 'e']);
    expect(matching(compare('s', 'gte', '10'))).toEqual(['a', 'b', 'c', 'e', 'f']);
  });

  it('matches ne and nin only on rows that have the key with a scalar', () => {
    expect(matching(compare('n', 'ne', 1))).toEqual(['b', 'c', 'e', 'f']);
    expect(matching(compare('s', 'ne', 'apple'))).toEqual(['b', 'c', 'e', 'f']);
    expect(matching({ type: 'member', key: 'n', operator: 'nin', values: [1, 10, '1'] })).toEqual([
      'b',
      'e',
    ]);
    expect(matching(compare('list', 'ne', 1))).toEqual([]);
  });

  it('matches in against mixed-type lists', () => {
    expect(
      matching({ type: 'member', key: 'n', operator: 'in', values: [2.5, '1', true, -3] }),
    ).toEqual(['b', 'e', 'f']);
    expect(matching({ type: 'member', key: 'flag', operator: 'in', values: [false] })).toEqual([
      'b',
    ]);
  });

  it('treats a JSON null as absent for exists', () => {
    expect(matching({ type: 'exists', key: 's', exists: true })).toEqual(['a', 'b', 'c', 'e', 'f']);
    expect(matching({ type: 'exists', key: 's', exists: false })).toEqual(['d']);
    expect(matching({ type: 'exists', key: 'n', exists: false })).toEqual(['d']);
    expect(matching({ type: 'exists', key: 'list', exists: true })).toEqual(['d']);
  });

  it('takes keys literally: a dot is not a path, quotes are part of the key', () => {
    expect(matching(compare('a.b', 'eq', 'dotted'))).toEqual(['a']);
    expect(matching({ type: 'exists', key: 'a', exists: true })).toEqual([]);
    expect(matching(compare('it"s', 'eq', 1))).toEqual(['a']);
    expect(matching(compare("it's", 'eq', 'x'))).toEqual(['a']);
    // A key that looks like SQL or a path stays a key (bound as a parameter).
    expect(matching(compare("n') OR 1=1 --", 'eq', 1))).toEqual([]);
    expect(matching(compare('nested.n', 'eq', 1))).toEqual([]);
    expect(metadataPath('a"b')).toBe('$."a\\"b"');
  });

  it('nests and/or to any depth', () => {
    const filter: FilterNode = {
      type: 'or',
      filters: [
        { type: 'and', filters: [compare('n', 'gt', 0), compare('flag', 'eq', true)] },
        {
          type: 'and',
          filters: [
            { type: 'exists', key: 'flag', exists: false },
            { type: 'or', filters: [compare('s', 'eq', 'Cherry'), compare('n', 'lt', 0)] },
          ],
        },
      ],
    };
    expect(matching(filter)).toEqual(['a', 'c', 'e']);
  });

  it('binds every value and key, splicing none into the SQL', () => {
    const clause = sqliteFilterClause(compare("x'); DROP TABLE rows; --", 'eq', "'; --"), 'm');
    expect(clause.sql).not.toContain('DROP');
    expect(clause.sql).not.toContain("'; --");
    expect(clause.parameters).toEqual([
      '$."x\'); DROP TABLE rows; --"',
      '$."x\'); DROP TABLE rows; --"',
      "'; --",
    ]);
  });
});

describe('sqliteFilterClause against core’s reference matcher', () => {
  it('selects exactly the rows matchesFilterNode selects, for every operator on every key and value', () => {
    const keys = ['n', 's', 'flag', 'a.b', 'list', 'missing'];
    const values = [1, 2.5, -3, 10, '1', 'apple', 'banana', 'Cherry', '10', true, false];
    const nodes: FilterNode[] = [];
    for (const key of keys) {
      nodes.push({ type: 'exists', key, exists: true }, { type: 'exists', key, exists: false });
      for (const value of values) {
        for (const operator of ['eq', 'ne'] as const) nodes.push(compare(key, operator, value));
        if (typeof value !== 'boolean') {
          for (const operator of ['gt', 'gte', 'lt', 'lte'] as const) {
            nodes.push(compare(key, operator, value));
          }
        }
      }
      for (const operator of ['in', 'nin'] as const) {
        nodes.push({ type: 'member', key, operator, values: [1, 'apple', true] });
        nodes.push({ type: 'member', key, operator, values: ['banana', 10] });
      }
    }
    for (const node of nodes) {
      const expected = Object.entries(rows)
        .filter(([, metadata]) => matchesFilterNode(metadata as Metadata, node))
        .map(([id]) => id);
      expect({ node, ids: matching(node) }).toEqual({ node, ids: expected });
    }
    expect(nodes.length).toBe(384);
  });
});
