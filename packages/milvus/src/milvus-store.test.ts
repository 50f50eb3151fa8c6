import { describeVectorStoreContract } from '@embedkit/test-kit';
import { inject } from 'vitest';
import { createMilvusStore } from './milvus-store.js';

describeVectorStoreContract('Milvus store on Milvus Lite', () => ({
  createStore: async ({ embedding, collection }) =>
    createMilvusStore({
      embedding,
      collection,
      address: inject('milvusAddress'),
      token: inject('milvusToken') || undefined,
    }),
}));
