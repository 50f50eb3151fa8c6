import {
  createHashingEmbedding,
  InvalidConfigError,
  InvalidInputError,
  NotSupportedError,
  StoreError,
} from '@embedkit/core';
import { describe, expect, inject, it } from 'vitest';
import { serverStores, testPool, uniqueCollection } from './pgvector-store.test-helpers.js';

describe('pgvector store on PostgreSQL', () => {
  const open = serverStores();
  const pool = testPool();
  const indexDefinitions = async (table: string) =>
    (
      await pool.query('SELECT indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexdef', [
        table,
      ])
    ).rows.map((row) => String(row.indexdef));

  it('creates the table with HNSW, jsonb + GIN, a tsvector column, and records the space', async () => {
    const embedding = createHashingEmbedding({ dimensions: 48 });
    const store = open({ embedding });
    expect(await store.ensureCollection()).toMatchObject({ created: true, dim: 48 });
    expect((await store.ensureCollection()).created).toBe(false);
    const columns = await pool.query(
      `SELECT column_name, format_type(a.atttypid, a.atttypmod) AS type
         FROM information_schema.columns c
         JOIN pg_attribute a ON a.attrelid = to_regclass(quote_ident(c.table_name)) AND a.attname = c.column_name
        WHERE c.table_name = $1 ORDER BY c.ordinal_position`,
      [store.collection],
    );
    expect(columns.rows.map((row) => [row.column_name, row.type])).toEqual([
      ['id', 'text'],
      ['embedding', 'vector(48)'],
      ['text', 'text'],
      ['metadata', 'jsonb'],
      ['text_search', 'tsvector'],
    ]);
    const indexes = await indexDefinitions(store.collection);
    expect(indexes.some((index) => /USING hnsw \(embedding vector_cosine_ops\)/.test(index))).toBe(
      true,
    );
    expect(indexes.some((index) => /USING gin \(metadata jsonb_path_ops\)/.test(index))).toBe(true);
    expect(indexes.some((index) => /USING gin \(text_search\)/.test(index))).toBe(true);
    const record = await pool.query(
      'SELECT record, text_search_config FROM embedkit_collections WHERE name = $1',
      [store.collection],
    );
    expect(record.rows[0].record.space).toEqual(embedding.space);
    expect(record.rows[0].record.embedding).toEqual(embedding.toConfig());
    expect(record.rows[0].text_search_config).toBe('simple');
  });

  it('gives each metric its operator class and builds HNSW with the configured m and ef_construction', async () => {
    for (const [metric, operatorClass] of [
      ['ip', 'vector_ip_ops'],
      ['l2', 'vector_l2_ops'],
    ] as const) {
      const store = open({ metric, hnsw: { m: 8, efConstruction: 40 } });
      await store.ensureCollection();
      const hnsw = (await indexDefinitions(store.collection)).find((index) =>
        index.includes('hnsw'),
      );
      expect(hnsw).toContain(`(embedding ${operatorClass})`);
      expect(hnsw).toMatch(/m='8'/);
      expect(hnsw).toMatch(/ef_construction='40'/);
    }
  });

  it('answers filtered searches exactly, where a filtered HNSW scan drops rows', async () => {
    const embedding = createHashingEmbedding({ dimensions: 16 });
    const store = open({ embedding });
    let seed = 11;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    const documents = Array.from({ length: 2000 }, (_, index) => ({
      id: `doc-${String(index).padStart(4, '0')}`,
      text: `document ${index}`,
      metadata: { rare: index % 50 === 0 },
      vector: Float32Array.from({ length: 16 }, random),
    }));
    await store.addVectors(documents);
    const query = Float32Array.from({ length: 16 }, random);
    const cosine = (vector: Float32Array) => {
      let dot = 0;
      let left = 0;
      let right = 0;
      for (let slot = 0; slot < 16; slot += 1) {
        dot += vector[slot]! * query[slot]!;
        left += vector[slot]! ** 2;
        right += query[slot]! ** 2;
      }
      return dot / Math.sqrt(left * right);
    };
    const exact = documents
      .filter((document) => document.metadata.rare)
      .map((document) => ({ id: document.id, score: cosine(document.vector) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 20);
    const hits = await store.searchByVector(query, { topK: 20, filter: { rare: true } });
    expect(hits.map((hit) => hit.id)).toEqual(exact.map((hit) => hit.id));
    for (const [index, hit] of hits.entries())
      expect(hit.score).toBeCloseTo(exact[index]!.score, 5);

    // The same query on the HNSW index (default ef_search 40) finds only the rare rows among its
    // 40 candidates: this is the wrong answer the store's exact plan avoids.
    const literal = `[${Array.from(query).join(',')}]`;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      await client.query('SET LOCAL enable_bitmapscan = off');
      const indexed = await client.query(
        `SELECT id FROM "${store.collection}" WHERE metadata @> '{"rare": true}' ORDER BY embedding <=> $1::vector LIMIT 20`,
        [literal],
      );
      expect(indexed.rows.length).toBeLessThan(20);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }

    // Unfiltered, a topK above ef_search still gets topK rows (ef_search is raised per query).
    const wide = await store.searchByVector(query, { topK: 150 });
    expect(wide).toHaveLength(150);
    const scores = wide.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // And a topK above pgvector's ef_search maximum (1,000) is answered exactly.
    expect(await store.searchByVector(query, { topK: 1500 })).toHaveLength(1500);
  });

  it('writes batches of insertBatchRows rows per INSERT, one transaction per call', async () => {
    const statements: string[] = [];
    const counting = {
      query: (sql: string, values?: unknown[]) => pool.query(sql, values),
      connect: async () => {
        const client = await pool.connect();
        return {
          query: (sql: string, values?: unknown[]) => {
            statements.push(sql.split(' ')[0]!);
            return client.query(sql, values);
          },
          release: (error?: Error | boolean) => client.release(error),
        };
      },
      end: async () => {},
    };
    const store = open({ pool: counting, insertBatchRows: 7 });
    await store.addDocuments(
      Array.from({ length: 30 }, (_, index) => ({ text: `row ${index}` })),
      { batchSize: 30 },
    );
    expect(await store.count()).toBe(30);
    const upsert = statements.slice(statements.lastIndexOf('BEGIN'));
    // The SELECT reads the table's columns: another driver may have added sparse ones since.
    expect(upsert).toEqual([
      'BEGIN',
      'SELECT',
      'INSERT',
      'INSERT',
      'INSERT',
      'INSERT',
      'INSERT',
      'COMMIT',
    ]);
  });

  it('keeps the last of duplicate ids in one upsert call', async () => {
    const store = open({ embedding: createHashingEmbedding({ dimensions: 8 }) });
    await store.ensureCollection();
    const vector = Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0]);
    await store.driver.upsert(store.collection, [
      { id: 'twice', text: 'first', metadata: {}, vector },
      { id: 'twice', text: 'second', metadata: {}, vector },
    ]);
    expect(await store.get(['twice'])).toEqual([{ id: 'twice', text: 'second', metadata: {} }]);
  });

  it('refuses NUL characters before embedding, naming the document', async () => {
    const store = open();
    const error = await store
      .addDocuments([{ text: 'fine' }, { text: 'bad\u0000text' }])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect(await store.count()).toBe(0);
  });

  it('refuses SQL strings as filters', async () => {
    const store = open();
    await store.addDocuments([{ text: 'one' }]);
    const error = await store
      .search('one', { filter: "metadata->>'a' = 'b'" })
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error) || NotSupportedError.isInstance(error)).toBe(true);
  });

  it('refuses collection names PostgreSQL would truncate', () => {
    expect(() => open({ collection: 'x'.repeat(64) })).toThrow(InvalidConfigError);
  });

  it('wraps server failures as StoreError naming the table, and never prints the password', async () => {
    const store = open({
      connectionString: 'postgres://app:hunter2-secret@127.0.0.1:1/rag',
    });
    expect(store.location).toBe('postgres://127.0.0.1:1/rag');
    const error = await store.count().catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as StoreError).isRetryable).toBe(true);
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('hunter2-secret');
    expect(JSON.stringify(store)).not.toContain('hunter2-secret');
  });

  it('opens and searches as a role that may only read, and wraps its refused write', async () => {
    const writer = open();
    await writer.addDocuments([{ id: 'r', text: 'readable by the reader role' }]);
    const role = `reader_${process.pid}_${Date.now()}`;
    await pool.query(`CREATE ROLE "${role}" LOGIN`);
    await pool.query(`GRANT SELECT ON embedkit_collections, "${writer.collection}" TO "${role}"`);
    const url = new URL(inject('postgresUrl'));
    url.username = role;
    const reader = open({ collection: writer.collection, connectionString: url.toString() });
    const [hit] = await reader.search('readable by the reader role', { topK: 1 });
    expect(hit?.id).toBe('r');
    const error = await reader
      .addDocuments([{ text: 'not allowed' }])
      .catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/permission denied/);
    expect((error as Error).message).toContain(`table "${writer.collection}"`);
  });

  it('leaves an injected pool open', async () => {
    const store = open({ pool });
    await store.addDocuments([{ text: 'kept' }]);
    await store.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('pgvector full-text and hybrid search', () => {
  const open = serverStores();
  const documents = [
    {
      id: 'fox',
      text: 'The quick brown fox jumps over the lazy dog',
      metadata: { kind: 'animal' },
    },
    { id: 'runner', text: 'She runs every morning in the park', metadata: { kind: 'sport' } },
    { id: 'database', text: 'PostgreSQL stores vectors with pgvector', metadata: { kind: 'tech' } },
    { id: 'foxes', text: 'Foxes hunt mice at dawn', metadata: { kind: 'animal' } },
  ];

  it('merges dense and full-text hits by RRF, with the filter on both sides', async () => {
    const store = open();
    await store.addDocuments(documents);
    const hits = await store.hybridSearch('fox dog', { topK: 4 });
    expect(hits[0]!.id).toBe('fox');
    // RRF scores: at most 2 / (60 + 1), best first.
    expect(hits[0]!.score).toBeLessThanOrEqual(2 / 61 + 1e-12);
    expect(hits.map((hit) => hit.score)).toEqual(
      [...hits.map((hit) => hit.score)].sort((a, b) => b - a),
    );
    const filtered = await store.hybridSearch('fox dog', { topK: 4, filter: { kind: 'tech' } });
    expect(filtered.map((hit) => hit.id)).toEqual(['database']);
  });

  it('weights the sides with the weighted ranker', async () => {
    const store = open();
    await store.addDocuments(documents);
    // Full text only: documents without the word score by their (normalized) dense side alone,
    // times weight 0, so "pgvector" puts the one document containing it first with its rank,
    // mapped as core's fuseHybridHits maps every store's full-text score: ½ + atan(ts_rank)/π.
    const sparseOnly = await store.hybridSearch('pgvector', {
      topK: 4,
      ranker: { type: 'weighted', dense: 0, sparse: 1 },
    });
    expect(sparseOnly[0]!.id).toBe('database');
    expect(sparseOnly[0]!.score).toBeGreaterThan(0.5);
    expect(sparseOnly[0]!.score).toBeLessThan(0.75);
    expect(sparseOnly.slice(1).every((hit) => hit.score === 0)).toBe(true);
    const denseOnly = await store.hybridSearch('pgvector', {
      topK: 4,
      ranker: { type: 'weighted', dense: 1, sparse: 0 },
    });
    const [queryVector] = await store.embedding.encodeQueries(['pgvector']);
    const dense = await store.searchByVector(queryVector!, { topK: 4 });
    expect(denseOnly.map((hit) => hit.id)).toEqual(dense.map((hit) => hit.id));
    expect(denseOnly[0]!.score).toBeCloseTo((1 + dense[0]!.score) / 2, 6);
    const error = await store
      .hybridSearch('pgvector', { ranker: { type: 'weighted', dense: 2, sparse: 0 } })
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
  });

  it('textSearchConfig: english stems words, simple matches them as written', async () => {
    const english = open({ textSearchConfig: 'english' });
    const simple = open({ textSearchConfig: 'simple' });
    for (const store of [english, simple]) await store.addDocuments(documents);
    const sparse = { topK: 4, ranker: { type: 'weighted', dense: 0, sparse: 1 } } as const;
    // "running" stems to "run", as does "runs"; the simple configuration keeps both as written.
    const stemmed = await english.hybridSearch('running', sparse);
    expect(stemmed[0]).toMatchObject({ id: 'runner' });
    expect(stemmed[0]!.score).toBeGreaterThan(0);
    const literal = await simple.hybridSearch('running', sparse);
    expect(literal.every((hit) => hit.score === 0)).toBe(true);
  });

  it('textQuery: any matches some of the words, websearch needs all of them', async () => {
    const any = open();
    const websearch = open({ textQuery: 'websearch' });
    for (const store of [any, websearch]) await store.addDocuments(documents);
    const sparse = { topK: 4, ranker: { type: 'weighted', dense: 0, sparse: 1 } } as const;
    const matched = (hits: { id: string; score: number }[]) =>
      hits
        .filter((hit) => hit.score > 0)
        .map((hit) => hit.id)
        .sort();
    expect(matched(await any.hybridSearch('fox pgvector', sparse))).toEqual(['database', 'fox']);
    expect(matched(await websearch.hybridSearch('fox pgvector', sparse))).toEqual([]);
    expect(matched(await websearch.hybridSearch('quick fox -cat', sparse))).toEqual(['fox']);
  });

  it('refuses a text search configuration the server does not have', async () => {
    const store = open({ textSearchConfig: 'klingon' });
    const error = await store.ensureCollection().catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/klingon/);
  });

  it('opens a fresh store on an existing table with the stored configuration', async () => {
    const collection = uniqueCollection('config');
    const first = open({ collection, textSearchConfig: 'english' });
    await first.addDocuments(documents);
    const second = open({ collection });
    const sparse = { topK: 4, ranker: { type: 'weighted', dense: 0, sparse: 1 } } as const;
    expect((await second.hybridSearch('running', sparse))[0]).toMatchObject({ id: 'runner' });
  });
});
