import {
  createHashingEmbedding,
  createRegistry,
  hashingProvider,
  MemoryDatabase,
  MemoryVectorStore,
} from '@embedkit/core';
import { describeEmbeddingFunctionContract } from './contracts/embedding-function-contract.js';
import { describeVectorStoreContract } from './contracts/vector-store-contract.js';

describeEmbeddingFunctionContract('core hashing embedding', () => ({
  embedding: createHashingEmbedding({ dimensions: 128 }),
  registry: createRegistry([hashingProvider]),
}));

describeVectorStoreContract('core MemoryVectorStore', () => {
  const database = new MemoryDatabase();
  return {
    createStore: async ({ embedding, collection }) =>
      new MemoryVectorStore({ embedding, collection, database }),
  };
});
