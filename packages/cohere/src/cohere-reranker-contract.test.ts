import { createRerankerRegistry } from '@embedkit/core';
import {
  cohereSimulatorKey,
  describeRerankerContract,
  startCohereSimulator,
} from '@embedkit/testing';
import { fastRetry } from './cohere.test-helpers.js';
import { createCohereReranker } from './cohere-reranker.js';
import { cohereReranker } from './cohere-reranker-provider.js';

const keyVariable = 'EMBEDKIT_TEST_COHERE_RERANK_KEY';

describeRerankerContract('cohere (rerank-v3.5, simulator)', async () => {
  const simulator = await startCohereSimulator();
  process.env[keyVariable] = cohereSimulatorKey;
  return {
    create: ({ maxDocumentsPerCall } = {}) =>
      createCohereReranker({
        baseURL: simulator.baseURL,
        apiKeyEnv: keyVariable,
        retry: fastRetry,
        ...(maxDocumentsPerCall === undefined ? {} : { maxDocumentsPerCall }),
      }),
    simulator,
    registry: createRerankerRegistry([cohereReranker]),
    secrets: [cohereSimulatorKey],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});
