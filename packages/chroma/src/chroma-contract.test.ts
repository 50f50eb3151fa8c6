import { describeVectorStoreContract, describeVectorStoreDriverContract } from '@embedkit/testing';
import { inject } from 'vitest';
import { createChromaStore } from './chroma-store.js';
import { ChromaStoreDriver } from './chroma-store-driver.js';

/** Chroma compares gt/gte/lt/lte on numbers only; the driver refuses string bounds, naming the operator. */
const refusedFilterCases = ['gt on strings', 'lte on strings'];

describeVectorStoreContract('Chroma store on chroma run', () => ({
  createStore: async ({ embedding, collection }) =>
    createChromaStore({ embedding, collection, url: inject('chromaUrl') }),
  refusedFilterCases,
}));

describeVectorStoreDriverContract('Chroma driver on chroma run', () => ({
  createDriver: () => new ChromaStoreDriver({ url: inject('chromaUrl') }),
  refusedFilterCases,
}));
