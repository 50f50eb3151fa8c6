import { join } from 'node:path';
import { createHashingEmbedding } from '@embedkit/core';
import { connect } from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { createLanceDbStore } from './lancedb-store.js';
import { temporaryDirectory } from './lancedb-store.test-helpers.js';

const directory = temporaryDirectory('lancedb-concurrent');

describe('LanceDB store written by several connections at once', () => {
  it('keeps one row per id when upserts of the same ids race (the id is the table’s primary key)', async () => {
    const uri = join(directory, 'race');
    const embedding = createHashingEmbedding({ dimensions: 8 });
    const one = createLanceDbStore({ embedding, uri });
    const two = createLanceDbStore({ embedding, uri });
    try {
      await one.ensureCollection();
      await two.ensureCollection();
      const documents = (prefix: string, count: number) =>
        Array.from({ length: count }, (_, index) => ({
          id: `${prefix}-${index}`,
          text: `${prefix} ${index}`,
        }));
      await Promise.all(
        Array.from({ length: 8 }, (_, call) =>
          (call % 2 === 0 ? one : two).addDocuments([
            ...documents(`own${call}`, 20),
            ...documents('shared', 30),
          ]),
        ),
      );
      expect(await one.count()).toBe(8 * 20 + 30);
      expect(await two.count()).toBe(8 * 20 + 30);
    } finally {
      await one.close();
      await two.close();
    }
    const connection = await connect(uri);
    const table = await connection.openTable('documents');
    const ids = (await table.query().select(['id']).toArray()).map((row) => String(row.id));
    expect(new Set(ids).size).toBe(ids.length);
    table.close();
    connection.close();
  });
});
