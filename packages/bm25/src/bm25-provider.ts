import { defineSparseProvider } from '@embedkit/core';
import { createBm25 } from './bm25-embedding.js';
import { bm25Settings } from './bm25-settings.js';

/** Sparse registry definition of BM25 (`provider: "bm25"`), for `createSparseRegistry`. */
export const bm25Provider = defineSparseProvider({
  id: 'bm25',
  schema: bm25Settings,
  create: (settings) => createBm25(settings),
});
