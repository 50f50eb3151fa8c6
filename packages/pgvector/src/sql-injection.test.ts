import { createHashingEmbedding, matchesFilterNode, parseMetadataFilter } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { serverStores, testPool } from './pgvector-store.test-helpers.js';

// Keys, values and table names that would end a string literal or an identifier and run a
// statement if any of them were spliced into SQL. They must be stored and matched as the data
// they are; the sentinel table proves no statement ran.

const hostile = [
  "'; DROP TABLE sentinel; --",
  '"; DROP TABLE sentinel; --',
  'O\'Brien "quoted" \\ backslash $1 ? ?| @> ->>',
  "x') OR ('1'='1",
];

describe('pgvector and hostile input', () => {
  const open = serverStores();
  const pool = testPool();

  it('stores and filters on hostile metadata keys and values, running none of them', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS sentinel (value int)');
    const store = open();
    const documents = hostile.map((text, index) => ({
      id: text,
      text,
      metadata: { [text]: text, [`${text} n`]: index, plain: text },
    }));
    await store.addDocuments(documents);
    expect(await store.count()).toBe(hostile.length);
    expect(await store.get(hostile)).toEqual(
      documents.map((document) => ({ ...document, metadata: document.metadata })),
    );
    for (const [index, text] of hostile.entries()) {
      const filters = [
        { [text]: text },
        { [text]: { ne: 'other' } },
        { [text]: { in: [text, "' OR 1=1 --"] } },
        { [text]: { nin: ["' OR 1=1 --"] } },
        { [`${text} n`]: { gte: index, lt: index + 1 } },
        { [text]: { exists: true } },
        { plain: { lte: text, gte: text } },
        { or: [{ plain: text }, { [text]: "' OR '1'='1" }] },
      ];
      for (const filter of filters) {
        const hits = await store.search(text, { topK: 10, filter });
        const expected = documents
          .filter((document) => matchesFilterNode(document.metadata, parseMetadataFilter(filter)))
          .map((document) => document.id);
        expect(hits.map((hit) => hit.id)).toEqual(expected);
        expect(expected).toEqual([text]);
      }
    }
    await store.delete({ filter: { [hostile[0]!]: hostile[0]! } });
    expect(await store.count()).toBe(hostile.length - 1);
    await store.delete({ ids: [hostile[1]!] });
    expect(await store.count()).toBe(hostile.length - 2);
    expect((await pool.query("SELECT to_regclass('sentinel') AS found")).rows[0].found).toBe(
      'sentinel',
    );
    expect(
      (await pool.query("SELECT to_regclass('embedkit_collections') AS found")).rows[0].found,
    ).toBe('embedkit_collections');
  });

  it('takes hostile collection names as table names, quoted', async () => {
    for (const name of [hostile[0]!, hostile[1]!, 'Mixed Case; DELETE FROM sentinel']) {
      const store = open({
        collection: name,
        embedding: createHashingEmbedding({ dimensions: 8 }),
      });
      await store.addDocuments([{ id: 'a', text: 'stored in a strangely named table' }]);
      expect(await store.count()).toBe(1);
      const tables = await pool.query('SELECT relname FROM pg_class WHERE relname = $1', [name]);
      expect(tables.rows).toEqual([{ relname: name }]);
      const hybrid = await store.hybridSearch('strangely named', { topK: 1 });
      expect(hybrid[0]?.id).toBe('a');
    }
    expect((await pool.query("SELECT to_regclass('sentinel') AS found")).rows[0].found).toBe(
      'sentinel',
    );
  });
});
