import { createHashingEmbedding, DimensionMismatchError, InvalidConfigError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { serverStores, testPool, uniqueCollection } from './pgvector-store.test-helpers.js';

describe('pgvector on a table another tool made', () => {
  const open = serverStores();
  const pool = testPool();
  const embedding = createHashingEmbedding({ dimensions: 8 });

  const createForeignTable = async (name: string) => {
    await pool.query(
      `CREATE TABLE "${name}" (doc_id bigint PRIMARY KEY, body text, vec vector(8), attrs json, extra int)`,
    );
    const [first, second] = await embedding.encodeDocuments(['red apples', 'green pears']);
    await pool.query(
      `INSERT INTO "${name}" VALUES (1, 'red apples', $1::vector, '{"color": "red"}'), (2, 'green pears', $2::vector, '{"color": "green"}')`,
      [`[${Array.from(first!).join(',')}]`, `[${Array.from(second!).join(',')}]`],
    );
  };
  const fields = { id: 'doc_id', vector: 'vec', text: 'body', metadata: 'attrs' };

  it('opens it through the fields mapping, with no record and the column dimension', async () => {
    const collection = uniqueCollection('foreign');
    await createForeignTable(collection);
    const store = open({ collection, embedding, fields });
    const info = await store.ensureCollection();
    expect(info).toMatchObject({ dim: 8, created: false });
    expect(await store.count()).toBe(2);
    const [hit] = await store.search('red apples', { topK: 1 });
    expect(hit).toMatchObject({ id: '1', text: 'red apples', metadata: { color: 'red' } });
    expect(hit!.score).toBeCloseTo(1, 5);
    const filtered = await store.search('red apples', { topK: 5, filter: { color: 'green' } });
    expect(filtered.map((found) => found.id)).toEqual(['2']);
    expect(await store.get(['2', '99'])).toEqual([
      { id: '2', text: 'green pears', metadata: { color: 'green' } },
    ]);
    const hybrid = await store.hybridSearch('pears', { topK: 1 });
    expect(hybrid[0]?.id).toBe('2');
    // Writes go to the mapped columns, the id cast to the table's bigint.
    await store.addDocuments([{ id: '3', text: 'yellow lemons', metadata: { color: 'yellow' } }]);
    const stored = await pool.query(
      `SELECT doc_id, body, attrs FROM "${collection}" WHERE doc_id = 3`,
    );
    expect(stored.rows).toEqual([
      { doc_id: '3', body: 'yellow lemons', attrs: { color: 'yellow' } },
    ]);
    // No record is written for it: the table stays the other tool's.
    const records = await pool.query('SELECT 1 FROM embedkit_collections WHERE name = $1', [
      collection,
    ]);
    expect(records.rows).toEqual([]);
  });

  it("takes the metric from the table's vector index, and refuses another", async () => {
    const collection = uniqueCollection('foreign');
    await createForeignTable(collection);
    await pool.query(`CREATE INDEX ON "${collection}" USING hnsw (vec vector_ip_ops)`);
    const store = open({ collection, embedding, fields });
    expect((await store.ensureCollection()).metric).toBe('ip');
    expect(store.metric).toBe('ip');
    const [vector] = await embedding.encodeQueries(['red apples']);
    const [hit] = await store.searchByVector(vector!, { topK: 1 });
    const dot = Array.from(vector!).reduce((sum, value) => sum + value * value, 0);
    expect(hit).toMatchObject({ id: '1' });
    expect(hit!.score).toBeCloseTo(dot, 5);
    const error = await open({ collection, embedding, fields, metric: 'l2' })
      .count()
      .catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/indexed with the ip metric, not l2/);
  });

  it('names the field, the table and the columns found when a column is missing', async () => {
    const collection = uniqueCollection('foreign');
    await createForeignTable(collection);
    const error = await open({ collection, embedding, fields: { ...fields, text: 'content' } })
      .count()
      .catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('fields.text');
    expect(message).toContain(`"${collection}"`);
    expect(message).toContain('"content"');
    expect(message).toMatch(
      /doc_id \(int8\), body \(text\), vec \(vector\), attrs \(json\), extra \(int4\)/,
    );
  });

  it('refuses an embedding of another dimension than the vector column', async () => {
    const collection = uniqueCollection('foreign');
    await createForeignTable(collection);
    const error = await open({
      collection,
      embedding: createHashingEmbedding({ dimensions: 16 }),
      fields,
    })
      .count()
      .catch((caught: unknown) => caught);
    expect(DimensionMismatchError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/8-dimensional/);
  });

  it('refuses a vector field that is not a vector column', async () => {
    const collection = uniqueCollection('foreign');
    await createForeignTable(collection);
    const error = await open({ collection, embedding, fields: { ...fields, vector: 'extra' } })
      .count()
      .catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/"extra".*int4, not a pgvector vector/);
  });
});
