import { createRerankerRegistry } from '@embedkit/core';
import {
  describeRerankerContract,
  startVoyageSimulator,
  voyageSimulatorKey,
} from '@embedkit/testing';
import { fastRetry } from './voyage.test-helpers.js';
import { createVoyageReranker } from './voyage-reranker.js';
import { voyageReranker } from './voyage-reranker-provider.js';

const keyVariable = 'EMBEDKIT_TEST_VOYAGE_RERANK_KEY';

describeRerankerContract('voyage (rerank-2.5, simulator)', async () => {
  const simulator = await startVoyageSimulator();
  process.env[keyVariable] = voyageSimulatorKey;
  return {
    create: ({ maxDocumentsPerCall } = {}) =>
      createVoyageReranker({
        baseURL: simulator.baseURL,
        apiKeyEnv: keyVariable,
        retry: fastRetry,
        ...(maxDocumentsPerCall === undefined ? {} : { maxDocumentsPerCall }),
      }),
    simulator,
    registry: createRerankerRegistry([voyageReranker]),
    secrets: [voyageSimulatorKey],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});
