import { InvalidInputError, NotSupportedError } from '@embedkit/core';
import { sampleDocuments } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { testStores } from './milvus-store.test-helpers.js';

describe('Milvus hybrid search (dense + server-side BM25)', () => {
  const open = testStores();
  const documents = [
    ...sampleDocuments,
    {
      text: 'Firmware error ZX4471 means the flux capacitor overheated.',
      metadata: { topic: 'support', source: 'z.md' },
    },
    {
      text: 'Firmware errors are listed in the support handbook.',
      metadata: { topic: 'support', source: 'y.md' },
    },
  ];

  it('merges the dense and BM25 sides with RRF, best first', async () => {
    const store = open();
    await store.addDocuments(documents);
    const hits = await store.hybridSearch('ZX4471', { topK: 3 });
    expect(hits[0]?.metadata.source).toBe('z.md');
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const relevant = await store.hybridSearch(sampleDocuments[4].text, { topK: 1 });
    expect(relevant[0]?.text).toBe(sampleDocuments[4].text);
  });

  it('takes a weighted ranker and a filter on both sides', async () => {
    const store = open();
    await store.addDocuments(documents);
    const weighted = await store.hybridSearch('firmware error ZX4471', {
      topK: 2,
      ranker: { type: 'weighted', dense: 0.3, sparse: 0.7 },
    });
    expect(weighted[0]?.metadata.source).toBe('z.md');
    const filtered = await store.hybridSearch('firmware error ZX4471', {
      topK: 5,
      filter: { source: 'y.md' },
    });
    expect(filtered.map((hit) => hit.metadata.source)).toEqual(['y.md']);
  });

  it('refuses a bad ranker before calling the server', async () => {
    const store = open();
    const error = await store
      .hybridSearch('anything', { ranker: { type: 'weighted', dense: 2, sparse: 0 } })
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
  });

  it('says "not supported" for a collection without the BM25 side', async () => {
    const store = open({ fullText: false });
    await store.addDocuments(documents.slice(0, 3));
    expect(await store.search(documents[0]!.text, { topK: 1 })).toHaveLength(1);
    const error = await store.hybridSearch('vector').catch((caught: unknown) => caught);
    expect(NotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('not supported by this server');
  });

  it('says "not supported" for an analyzer Milvus Lite lacks', async (context) => {
    if (process.env.MILVUS_URI) context.skip();
    const store = open({ analyzer: { type: 'english' } });
    const error = await store.ensureCollection().catch((caught: unknown) => caught);
    expect(NotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/not supported by this server.*english/s);
  });
});
