import { createRegistry } from '@embedkit/core';
import {
  cohereSimulatorKey,
  describeEmbeddingFunctionContract,
  startCohereSimulator,
} from '@embedkit/testing';
import { createCohere } from './cohere-embedding.js';
import { cohereProvider } from './cohere-provider.js';

const keyVariable = 'EMBEDKIT_TEST_COHERE_KEY';

describeEmbeddingFunctionContract('cohere (embed-v4.0, 256 dimensions, simulator)', async () => {
  const simulator = await startCohereSimulator();
  process.env[keyVariable] = cohereSimulatorKey;
  return {
    embedding: createCohere({
      baseURL: simulator.baseURL,
      apiKeyEnv: keyVariable,
      dimensions: 256,
    }),
    registry: createRegistry([cohereProvider]),
    secrets: [cohereSimulatorKey],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});

describeEmbeddingFunctionContract(
  'cohere (embed-english-light-v3.0, float JSON, simulator)',
  async () => {
    const simulator = await startCohereSimulator();
    process.env[keyVariable] = cohereSimulatorKey;
    return {
      embedding: createCohere({
        baseURL: simulator.baseURL,
        apiKeyEnv: keyVariable,
        model: 'embed-english-light-v3.0',
        embeddingType: 'float',
      }),
      registry: createRegistry([cohereProvider]),
      secrets: [cohereSimulatorKey],
      teardown: async () => {
        delete process.env[keyVariable];
        await simulator.close();
      },
    };
  },
);
