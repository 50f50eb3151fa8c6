import { join } from 'node:path';
import { cosineSimilarity, createHashingEmbedding, type StoreRow } from '@embedkit/core';
import { connect } from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './lancedb-store.test-helpers.js';
import { LanceDbStoreDriver } from './lancedb-store-driver.js';

const directory = temporaryDirectory('lancedb-index');
const embedding = createHashingEmbedding({ dimensions: 16 });
const record = {
  embedding: embedding.toConfig(),
  space: embedding.space,
  dim: 16,
  metric: 'cosine' as const,
};

/** Rows in 8 clusters, so an IVF index has partitions a narrow probe can miss. */
function clusteredRows(count: number, offset = 0): StoreRow[] {
  return Array.from({ length: count }, (_, position) => {
    const index = position + offset;
    const cluster = index % 8;
    const vector = Float32Array.from(
      { length: 16 },
      (_, slot) => (slot === cluster * 2 ? 5 : 0) + Math.sin(index * 13.7 + slot * 2.3),
    );
    return {
      id: `r${String(index).padStart(4, '0')}`,
      text: `row ${index}`,
      metadata: { cluster, index },
      vector,
    };
  });
}

/** The exact top `topK` ids by cosine, ties by id. */
function exactTop(
  rows: StoreRow[],
  query: Float32Array,
  topK: number,
  keep = (_row: StoreRow) => true,
) {
  return rows
    .filter(keep)
    .map((row) => ({ id: row.id, score: cosineSimilarity(row.vector, query) }))
    .sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1))
    .slice(0, topK)
    .map((hit) => hit.id);
}

async function vectorIndexTypes(uri: string, table: string): Promise<string[]> {
  const connection = await connect(uri);
  const opened = await connection.openTable(table);
  const types = (await opened.listIndices())
    .map((index) => index.indexType)
    .filter((type) => type !== 'FTS');
  opened.close();
  connection.close();
  return types;
}

describe('LanceDB vector index', () => {
  for (const indexType of ['IVF_PQ', 'IVF_HNSW_SQ'] as const) {
    it(`builds the ${indexType} index once indexThreshold rows are stored; and search stays exact, filters included`, async () => {
      const uri = join(directory, indexType);
      const driver = new LanceDbStoreDriver({ uri, indexThreshold: 300, indexType });
      try {
        await driver.openCollection({ collection: 'rows', record });
        const rows = clusteredRows(300);
        await driver.upsert('rows', rows.slice(0, 299));
        expect(await vectorIndexTypes(uri, 'rows')).toEqual([]);
        const queries = [rows[3]!.vector, rows[150]!.vector, clusteredRows(1, 5000)[0]!.vector];
        const before = [];
        for (const query of queries) {
          const hits = await driver.query('rows', { vector: query, topK: 10 });
          expect(hits.map((hit) => hit.id)).toEqual(exactTop(rows.slice(0, 299), query, 10));
          before.push(hits);
        }
        await driver.upsert('rows', rows.slice(299));
        expect(await vectorIndexTypes(uri, 'rows')).toEqual([
          indexType === 'IVF_PQ' ? 'IvfPq' : 'IvfHnswSq',
        ]);
        const extra = clusteredRows(20, 300);
        await driver.upsert('rows', extra);
        const all = [...rows, ...extra];
        for (const query of queries) {
          const hits = await driver.query('rows', { vector: query, topK: 10 });
          expect(hits.map((hit) => hit.id)).toEqual(exactTop(all, query, 10));
          // Refined on the full vectors: exact cosine, not a quantized estimate.
          expect(hits[0]!.score).toBeCloseTo(
            cosineSimilarity(all.find((row) => row.id === hits[0]!.id)!.vector, query),
            5,
          );
        }
        const filtered = await driver.query('rows', {
          vector: queries[0]!,
          topK: 5,
          filter: { type: 'compare', key: 'cluster', operator: 'eq', value: 6 },
        });
        expect(filtered.map((hit) => hit.id)).toEqual(
          exactTop(all, queries[0]!, 5, (row) => row.metadata.cluster === 6),
        );
        expect(before).toHaveLength(3);
      } finally {
        await driver.close();
      }
    });
  }
});
