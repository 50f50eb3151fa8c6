import { join } from 'node:path';
import {
  createHashingEmbedding,
  type FilterNode,
  type Metadata,
  matchesFilterNode,
} from '@embedkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanceFilterExpression, sqlString } from './lancedb-filter-expression.js';
import { temporaryDirectory } from './lancedb-store.test-helpers.js';
import { LanceDbStoreDriver } from './lancedb-store-driver.js';

/** Rows whose keys keep one type each (except n, which mixes 1 and "1"); odd keys included. */
const rows: Record<string, Metadata> = {
  a: { n: 1, s: 'apple', flag: true, 'a.b': 'dotted', 'it"s': 1, "it's": "o'k \\ é" },
  b: { n: 2.5, s: 'banana', flag: false, 'a.b': 'other' },
  c: { n: 10, s: 'Cherry', nested: { n: 1 } },
  d: { s: null, flag: true, list: [1, 2] },
  e: { n: -3, s: 'apple pie', big: 1e21 },
  f: { n: '1', s: '10' },
};

const directory = temporaryDirectory('lancedb-filters');
const driver = new LanceDbStoreDriver({ uri: join(directory, 'filters') });
const embedding = createHashingEmbedding({ dimensions: 8 });
const record = {
  embedding: embedding.toConfig(),
  space: embedding.space,
  dim: 8,
  metric: 'cosine' as const,
};

beforeAll(async () => {
  await driver.openCollection({ collection: 'filters', record });
  await driver.upsert(
    'filters',
    Object.entries(rows).map(([id, metadata]) => ({
      id,
      text: id,
      metadata,
      vector: new Float32Array(8).fill(1),
    })),
  );
});
afterAll(() => driver.close());

async function matching(filter: FilterNode): Promise<string[]> {
  const hits = await driver.query('filters', {
    vector: new Float32Array(8).fill(1),
    topK: 100,
    filter,
  });
  return hits.map((hit) => hit.id).sort();
}
const compare = (
  key: string,
  operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte',
  value: string | number | boolean,
): FilterNode => ({ type: 'compare', key, operator, value });

describe('lanceFilterExpression on a LanceDB table', () => {
  it('selects exactly the rows core’s reference matcher selects, for every operator, key and value', async () => {
    const keys = ['n', 's', 'flag', 'a.b', 'list', 'nested', 'missing', 'it"s', "it's", 'big'];
    const values = [1, 2.5, -3, 10, 1e21, '1', 'apple', 'banana', 'Cherry', '10', "o'k \\ é", true];
    const nodes: FilterNode[] = [];
    for (const key of keys) {
      nodes.push({ type: 'exists', key, exists: true }, { type: 'exists', key, exists: false });
      for (const value of values) {
        nodes.push(compare(key, 'eq', value), compare(key, 'ne', value));
        if (typeof value !== 'boolean') {
          for (const operator of ['gt', 'lte'] as const) nodes.push(compare(key, operator, value));
        }
      }
      nodes.push({ type: 'member', key, operator: 'in', values: [1, 'apple', true] });
      nodes.push({ type: 'member', key, operator: 'nin', values: ['banana', 10, false] });
    }
    for (const node of nodes) {
      const expected = Object.entries(rows)
        .filter(([, metadata]) => matchesFilterNode(metadata, node))
        .map(([id]) => id)
        .sort();
      expect({ node, ids: await matching(node) }).toEqual({ node, ids: expected });
    }
    expect(nodes.length).toBe(500);
  }, 120_000);

  it('nests and/or and keeps keys literal', async () => {
    expect(await matching(compare('a.b', 'eq', 'dotted'))).toEqual(['a']);
    expect(await matching({ type: 'exists', key: 'a', exists: true })).toEqual([]);
    expect(
      await matching({
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
      }),
    ).toEqual(['a', 'c', 'e']);
  });

  it('quotes keys and values as SQL literals, so neither can end the expression', async () => {
    const hostile = "x') OR true OR ('";
    const expression = lanceFilterExpression(compare(hostile, 'eq', hostile), 'metadata');
    expect(expression).toContain(sqlString(hostile));
    expect(expression).not.toContain(`'${hostile}'`);
    expect(await matching(compare(hostile, 'eq', hostile))).toEqual([]);
    expect(await matching(compare('s', 'eq', hostile))).toEqual([]);
    expect(await matching(compare('s', 'ne', hostile))).toEqual(['a', 'b', 'c', 'e', 'f']);
  });
});
