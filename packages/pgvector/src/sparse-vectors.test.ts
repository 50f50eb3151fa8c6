import {
  createHashingEmbedding,
  InvalidInputError,
  NotSupportedError,
  sparseVectorFromEntries,
} from '@embedkit/core';
import { createWordCountSparseEmbedding, sampleDocuments } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { createPgvectorStore, type PgvectorVectorStore } from './pgvector-store.js';
import {
  pgliteDirectory,
  serverStores,
  testPool,
  uniqueCollection,
} from './pgvector-store.test-helpers.js';

// What the shared sparse contract does not pin down about pgvector's sparsevec: its index
// range and entry cap, zero weights (which sparsevec drops), rows replaced without a sparse
// vector, columns added only by a sparse write, and tables another tool made.

const embedding = createHashingEmbedding({ dimensions: 8 });
const dense = new Float32Array(8).fill(0.5);
const pool = testPool();
const openServer = serverStores();
const pglitePath = pgliteDirectory('embedkit-pglite-sparse-');

/** The table's column names, from the server's catalog. */
async function columnsOf(collection: string): Promise<string[]> {
  const { rows } = await pool.query(
    'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
    [collection],
  );
  return rows.map((row) => String(row.column_name));
}

const engines: [string, () => PgvectorVectorStore][] = [
  ['PostgreSQL', () => openServer({ embedding })],
  [
    'PGlite',
    () => createPgvectorStore({ embedding, collection: uniqueCollection(), path: pglitePath }),
  ],
];

describe.each(engines)('sparse vectors in pgvector on %s', (_engine, open) => {
  it('takes indices up to 999,999,999 (sparsevec is 1-based) and refuses one past it', async () => {
    const store = open();
    const last = sparseVectorFromEntries([
      [0, 1],
      [999_999_999, 2],
    ]);
    await store.addVectors([{ id: 'edge', text: 'edge', vector: dense, sparseVector: last }]);
    const [row] = await store.driver.getRows!(store.collection, ['edge']);
    expect(Array.from(row!.sparse!.indices)).toEqual([0, 999_999_999]);
    const hits = await store.searchBySparseVector(sparseVectorFromEntries([[999_999_999, 3]]));
    expect(hits.map((hit) => [hit.id, hit.score])).toEqual([['edge', 6]]);
    const outside = sparseVectorFromEntries([[1_000_000_000, 1]]);
    await expect(
      store.addVectors([{ id: 'outside', text: 'x', vector: dense, sparseVector: outside }]),
    ).rejects.toThrow(/below 1,000,000,000/);
    await expect(store.searchBySparseVector(outside)).rejects.toThrow(InvalidInputError);
    const crowded = sparseVectorFromEntries(
      Array.from({ length: 16_001 }, (_, index) => [index, 1] as [number, number]),
    );
    await expect(
      store.addVectors([{ id: 'crowded', text: 'x', vector: dense, sparseVector: crowded }]),
    ).rejects.toThrow(/at most 16,000/);
    expect(await store.count()).toBe(1);
    await store.close();
  });

  it('keeps zero and negative weights and empty vectors exactly; a hit is a row sharing a term', async () => {
    const store = open();
    await store.addVectors([
      {
        id: 'zero',
        text: 'zero',
        vector: dense,
        // Built by hand: sparseVectorFromEntries leaves zero weights out.
        sparseVector: { indices: Uint32Array.from([3, 9]), values: Float32Array.from([0, 1.25]) },
      },
      {
        id: 'negative',
        text: 'negative',
        vector: dense,
        sparseVector: sparseVectorFromEntries([[3, -2]]),
      },
      { id: 'empty', text: 'empty', vector: dense, sparseVector: sparseVectorFromEntries([]) },
      { id: 'none', text: 'none', vector: dense },
    ]);
    const rows = await store.driver.getRows!(store.collection, [
      'zero',
      'negative',
      'empty',
      'none',
    ]);
    expect(rows.map((row) => [row.id, row.sparse && Array.from(row.sparse.indices)])).toEqual([
      ['zero', [3, 9]],
      ['negative', [3]],
      ['empty', []],
      ['none', undefined],
    ]);
    expect(Array.from(rows[0]!.sparse!.values)).toEqual([0, 1.25]);
    // Sharing index 3 makes both rows hits, even with a zero or a negative inner product.
    const hits = await store.searchBySparseVector(sparseVectorFromEntries([[3, 1]]));
    expect(hits.map((hit) => [hit.id, hit.score])).toEqual([
      ['zero', 0],
      ['negative', -2],
    ]);
    expect(await store.searchBySparseVector(sparseVectorFromEntries([]))).toEqual([]);
    await store.close();
  });

  it('clears a replaced row’s sparse vector when the new row has none', async () => {
    const store = open();
    const sparseVector = sparseVectorFromEntries([[5, 1]]);
    await store.addVectors([{ id: 'row', text: 'first', vector: dense, sparseVector }]);
    await store.addVectors([{ id: 'row', text: 'second', vector: dense }]);
    expect(await store.searchBySparseVector(sparseVector)).toEqual([]);
    const [row] = await store.driver.getRows!(store.collection, ['row']);
    expect(row).toMatchObject({ text: 'second' });
    expect(row!.sparse).toBeUndefined();
    await store.close();
  });
});

describe('createPgvectorStore with a sparseEmbedding', () => {
  it('writes each document’s sparse vector and fuses hybrid search in core', async () => {
    const sparseEmbedding = createWordCountSparseEmbedding();
    const store = createPgvectorStore({
      embedding,
      sparseEmbedding,
      collection: uniqueCollection('sparse_store'),
      path: pglitePath,
    });
    const ids = await store.addDocuments(sampleDocuments);
    const [query] = await sparseEmbedding.encodeQueries(['honey bees']);
    const sparseHits = await store.searchBySparseVector(query!, { topK: 3 });
    expect(sparseHits.length).toBeGreaterThan(0);
    const [row] = await store.driver.getRows!(store.collection, [ids[0]!]);
    const [expected] = await sparseEmbedding.encodeDocuments([sampleDocuments[0]!.text]);
    expect(row!.sparse).toEqual(expected);
    const [dense] = await embedding.encodeQueries(['honey bees']);
    expect((await store.hybridSearch('honey bees', { topK: 3 })).map((hit) => hit.id)).toEqual(
      (await store.hybridSearchByVectors({ dense: dense!, sparse: query! }, { topK: 3 })).map(
        (hit) => hit.id,
      ),
    );
    await store.close();
  });
});

describe('sparse columns of a pgvector table', () => {
  it('are added by the first sparse write only, and seen by a driver that opened the table before', async () => {
    const collection = uniqueCollection('sparse_columns');
    const first = openServer({ embedding, collection });
    await first.addVectors([{ id: 'row', text: 'dense only', vector: dense }]);
    expect(await columnsOf(collection)).not.toContain('sparse_embedding');
    expect(await first.searchBySparseVector(sparseVectorFromEntries([[1, 1]]))).toEqual([]);
    const second = openServer({ embedding, collection });
    await second.addVectors([
      {
        id: 'row',
        text: 'with sparse',
        vector: dense,
        sparseVector: sparseVectorFromEntries([[1, 1]]),
      },
    ]);
    expect(await columnsOf(collection)).toEqual(
      expect.arrayContaining(['sparse_embedding', 'sparse_terms']),
    );
    // The first driver opened the table without sparse columns: it still finds the row, and
    // replacing it without a sparse vector clears the one the second driver wrote.
    expect(
      (await first.searchBySparseVector(sparseVectorFromEntries([[1, 1]]))).map((hit) => hit.id),
    ).toEqual(['row']);
    await first.addVectors([{ id: 'row', text: 'dense again', vector: dense }]);
    expect(await second.searchBySparseVector(sparseVectorFromEntries([[1, 1]]))).toEqual([]);
  });

  it('are refused for a table another tool made', async () => {
    const collection = uniqueCollection('sparse_foreign');
    await pool.query(
      `CREATE TABLE "${collection}" (id text PRIMARY KEY, embedding vector(8), text text, metadata jsonb)`,
    );
    const store = openServer({ embedding, collection });
    await expect(
      store.addVectors([
        { id: 'a', text: 'a', vector: dense, sparseVector: sparseVectorFromEntries([[1, 1]]) },
      ]),
    ).rejects.toThrow(NotSupportedError);
    expect(await columnsOf(collection)).not.toContain('sparse_embedding');
    expect(await store.searchBySparseVector(sparseVectorFromEntries([[1, 1]]))).toEqual([]);
  });
});
