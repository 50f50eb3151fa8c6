import {
  createHashingEmbedding,
  InvalidInputError,
  type Metadata,
  type MetadataFilter,
  matchesFilterNode,
  parseMetadataFilter,
} from '@embedkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChromaVectorStore } from './chroma-store.js';
import { testStores } from './chroma-store.test-helpers.js';

/**
 * Rows where Chroma's own operators would answer differently from the filter language: a key
 * that is absent, null, a list or an object; the same key with several types (1, 1.5, "1", true);
 * keys Chroma refuses or embedkit reserves.
 */
const rows: { id: string; metadata: Metadata }[] = [
  { id: 'int', metadata: { k: 1, group: 'a' } },
  { id: 'float', metadata: { k: 1.5, group: 'a' } },
  { id: 'two', metadata: { k: 2, group: 'b' } },
  { id: 'negative', metadata: { k: -1 } },
  { id: 'negative-float', metadata: { k: -1.5, group: 'd' } },
  { id: 'string', metadata: { k: '1', group: 'b' } },
  { id: 'letter', metadata: { k: 'b' } },
  { id: 'true', metadata: { k: true, group: 'c' } },
  { id: 'false', metadata: { k: false } },
  { id: 'null', metadata: { k: null, group: 'c' } },
  { id: 'list', metadata: { k: ['x', 1], group: 'a' } },
  { id: 'object', metadata: { k: { nested: 1 } } },
  { id: 'absent', metadata: { group: 'd' } },
  { id: 'empty', metadata: {} },
  { id: 'odd-keys', metadata: { '#k': 1, $k: 'x', 'embedkit:keys': 'mine', 'k.x': 2 } },
];

const filters: MetadataFilter[] = [
  { k: 1 },
  { k: '1' },
  { k: true },
  { k: { eq: 1.5 } },
  { k: { ne: 1 } },
  { k: { ne: true } },
  { k: { ne: 'b' } },
  { k: { gt: 1 } },
  { k: { gte: 1, lte: 2 } },
  { k: { lt: 1.5 } },
  { k: { gt: -100 } },
  // Fractional bounds: Chroma casts them to integers when it compares integer values.
  { k: { gt: -1.5 } },
  { k: { gte: -1.5 } },
  { k: { lt: -0.5 } },
  { k: { lte: 1.5 } },
  { k: { gte: 1.5 } },
  { k: { ne: 1.5 } },
  { k: { ne: -1.5 } },
  { k: { in: [-1.5, 2] } },
  { k: { nin: [-1.5] } },
  { k: { in: [1, '1', true, 1.5] } },
  { k: { in: [2, 1.5] } },
  { k: { nin: [1, 'b'] } },
  { k: { nin: [false, 2, 1.5] } },
  { k: { exists: true } },
  { k: { exists: false } },
  { group: { exists: false } },
  { or: [{ k: { exists: false } }, { k: { lt: 2 } }] },
  { and: [{ group: { in: ['a', 'b'] } }, { k: { ne: 1 } }] },
  { or: [{ and: [{ group: 'a' }, { k: { gt: 1 } }] }, { group: { nin: ['a', 'b', 'd'] } }] },
  { '#k': 1 },
  { $k: { in: ['x'] } },
  { 'embedkit:keys': 'mine' },
  { 'k.x': { gte: 2 } },
  { 'k.x': { exists: false } },
];

describe('Chroma filters against the filter language (memory store semantics as the oracle)', () => {
  const open = testStores();
  let store: ChromaVectorStore;
  beforeAll(async () => {
    store = open({ embedding: createHashingEmbedding({ dimensions: 16 }) });
    await store.addDocuments(rows.map((row) => ({ ...row, text: `row ${row.id}` })));
  });

  it.each(filters.map((filter) => [JSON.stringify(filter), filter] as const))(
    '%s',
    async (_name, filter) => {
      const node = parseMetadataFilter(filter);
      const expected = rows
        .filter((row) => matchesFilterNode(row.metadata, node))
        .map((row) => row.id);
      const hits = await store.search('row', { topK: 100, filter });
      expect(hits.map((hit) => hit.id).sort()).toEqual(expected.sort());
    },
  );

  it('deletes exactly what a filter selects', async () => {
    const target = open({ embedding: createHashingEmbedding({ dimensions: 16 }) });
    await target.addDocuments(rows.map((row) => ({ ...row, text: `row ${row.id}` })));
    const filter: MetadataFilter = { k: { ne: 1 } };
    await target.delete({ filter });
    const node = parseMetadataFilter(filter);
    const kept = rows.filter((row) => !matchesFilterNode(row.metadata, node)).map((row) => row.id);
    expect((await target.get(rows.map((row) => row.id))).map((row) => row.id).sort()).toEqual(
      kept.sort(),
    );
  });

  it('refuses a bound outside 64-bit integers, naming the operator', async () => {
    for (const filter of [{ k: 2 ** 63 }, { k: { in: [1, -(2 ** 64)] } }, { k: { lt: 1e20 } }]) {
      const error = await store.search('row', { filter }).catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/\b(eq|in|lt)\b/);
    }
    // From 1e21 on JSON writes an exponent, which Chroma reads as a float: such bounds work.
    const all = await store.search('row', { topK: 100, filter: { k: { lt: 1e300 } } });
    expect(all.map((hit) => hit.id).sort()).toEqual(
      ['float', 'int', 'negative', 'negative-float', 'two'].sort(),
    );
    // Inside the range, large integers compare exactly.
    const big = open({ embedding: createHashingEmbedding({ dimensions: 16 }) });
    await big.addDocuments([
      { id: 'big', text: 'big', metadata: { n: 2 ** 53 + 2 } },
      { id: 'small', text: 'small', metadata: { n: 2 ** 53 } },
    ]);
    const hits = await big.search('big', { filter: { n: { gt: 2 ** 53 } } });
    expect(hits.map((hit) => hit.id)).toEqual(['big']);
  });

  it('refuses a range with a string bound, naming the operator', async () => {
    for (const operator of ['gt', 'gte', 'lt', 'lte']) {
      const error = await store
        .search('row', { filter: { k: { [operator]: 'a' } } })
        .catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(operator);
    }
  });
});
