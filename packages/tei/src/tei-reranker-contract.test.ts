import { createRerankerRegistry } from '@embedkit/core';
import { describeRerankerContract, startTEISimulator } from '@embedkit/testing';
import { fastRetry } from './tei.test-helpers.js';
import { createTEIReranker } from './tei-reranker.js';
import { teiReranker } from './tei-reranker-provider.js';

const keyVariable = 'EMBEDKIT_TEST_TEI_RERANK_TOKEN';
const token = 'simulated-tei-token-5f20c1';

describeRerankerContract('tei (BAAI/bge-reranker-base, simulator with --api-key)', async () => {
  const simulator = await startTEISimulator({ modelType: 'reranker', apiKey: token });
  process.env[keyVariable] = token;
  return {
    create: ({ maxDocumentsPerCall } = {}) =>
      createTEIReranker({
        baseURL: simulator.url,
        model: 'BAAI/bge-reranker-base',
        apiKeyEnv: keyVariable,
        retry: fastRetry,
        ...(maxDocumentsPerCall === undefined ? {} : { maxDocumentsPerCall }),
      }),
    simulator,
    retryableFault: 'rateLimit',
    registry: createRerankerRegistry([teiReranker]),
    secrets: [token],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});
