import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { createHashingEmbedding } from '@embedkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgvectorStore } from './pgvector-store.js';
import { pgliteDirectory } from './pgvector-store.test-helpers.js';

describe('pgvector on an injected PGlite', () => {
  const database = new PGlite(pgliteDirectory('embedkit-pglite-injected-'), {
    extensions: { vector },
  });
  afterAll(() => database.close());

  it('uses the instance as given and leaves it open', async () => {
    const store = createPgvectorStore({
      embedding: createHashingEmbedding({ dimensions: 8 }),
      collection: 'injected',
      pglite: database,
    });
    expect(store.kind).toBe('pglite');
    expect(store.location).toBe('the injected PGlite instance');
    await store.addDocuments([{ id: 'a', text: 'in the caller’s database' }]);
    await store.close();
    const rows = await database.query<{ id: string }>('SELECT id FROM injected');
    expect(rows.rows).toEqual([{ id: 'a' }]);
  });
});
