import {
  createHashingEmbedding,
  createRegistry,
  hashingProvider,
  MemoryDatabase,
  MemoryStoreDriver,
  MemoryVectorStore,
  withCache,
  withFailover,
} from '@embedkit/core';
import { describeEmbeddingFunctionContract } from './contracts/embedding-function-contract.js';
import { describeVectorStoreContract } from './contracts/vector-store-contract.js';
import { describeVectorStoreDriverContract } from './contracts/vector-store-driver-contract.js';
import { createLateChunkingTestEmbedding } from './fixtures/late-chunking-test-embedding.js';

describeEmbeddingFunctionContract('core hashing embedding', () => ({
  embedding: createHashingEmbedding({ dimensions: 128 }),
  registry: createRegistry([hashingProvider]),
}));

describeEmbeddingFunctionContract('withCache(hashing)', () => ({
  embedding: withCache(createHashingEmbedding({ dimensions: 128 })),
  registry: createRegistry([hashingProvider]),
}));

describeEmbeddingFunctionContract('withFailover([hashing, hashing])', () => ({
  embedding: withFailover([
    createHashingEmbedding({ dimensions: 128 }),
    createHashingEmbedding({ dimensions: 128 }),
  ]),
  registry: createRegistry([hashingProvider]),
}));

describeEmbeddingFunctionContract('late-chunking test embedding', () => ({
  embedding: createLateChunkingTestEmbedding(),
}));

describeEmbeddingFunctionContract(
  'withCache(withFailover([late chunking, late chunking]))',
  () => ({
    embedding: withCache(
      withFailover([createLateChunkingTestEmbedding(), createLateChunkingTestEmbedding()]),
    ),
  }),
);

describeVectorStoreContract('core MemoryVectorStore', () => {
  const database = new MemoryDatabase();
  return {
    createStore: async ({ embedding, collection }) =>
      new MemoryVectorStore({ embedding, collection, database }),
  };
});

describeVectorStoreDriverContract('core MemoryStoreDriver', () => {
  const database = new MemoryDatabase();
  return { createDriver: () => new MemoryStoreDriver({ database }) };
});
