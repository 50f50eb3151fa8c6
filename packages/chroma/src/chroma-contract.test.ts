import { describeVectorStoreContract, describeVectorStoreDriverContract } from '@embedkit/testing';
import { inject } from 'vitest';
import { createChromaStore } from './chroma-store.js';
import { ChromaStoreDriver } from './chroma-store-driver.js';

describeVectorStoreContract('Chroma store on chroma run', () => ({
  createStore: async ({ embedding, collection }) =>
    createChromaStore({ embedding, collection, url: inject('chromaUrl') }),
}));

describeVectorStoreDriverContract('Chroma driver on chroma run', () => ({
  createDriver: () => new ChromaStoreDriver({ url: inject('chromaUrl') }),
}));
