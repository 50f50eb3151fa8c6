import { createRerankerRegistry } from '@embedkit/core';
import { describeRerankerContract, startJinaSimulator } from '@embedkit/testing';
import { createJinaReranker } from './jina-reranker.js';
import { jinaReranker } from './jina-reranker-provider.js';
import { fastRetry } from './simulator.test-helpers.js';

const keyVariable = 'EMBEDKIT_TEST_JINA_RERANK_KEY';

describeRerankerContract('jina (jina-reranker-v2-base-multilingual, simulator)', async () => {
  const simulator = await startJinaSimulator({ shuffle: true });
  process.env[keyVariable] = simulator.apiKey;
  return {
    create: ({ maxDocumentsPerCall } = {}) =>
      createJinaReranker({
        baseURL: simulator.baseURL,
        apiKeyEnv: keyVariable,
        retry: fastRetry,
        ...(maxDocumentsPerCall === undefined ? {} : { maxDocumentsPerCall }),
      }),
    simulator,
    registry: createRerankerRegistry([jinaReranker]),
    secrets: [simulator.apiKey],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});
