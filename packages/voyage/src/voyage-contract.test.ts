import { createRegistry } from '@embedkit/core';
import {
  describeEmbeddingFunctionContract,
  startVoyageSimulator,
  voyageSimulatorKey,
} from '@embedkit/testing';
import { createVoyage } from './voyage-embedding.js';
import { voyageProvider } from './voyage-provider.js';

const keyVariable = 'EMBEDKIT_TEST_VOYAGE_KEY';

describeEmbeddingFunctionContract('voyage (voyage-3.5, 256 dimensions, simulator)', async () => {
  const simulator = await startVoyageSimulator();
  process.env[keyVariable] = voyageSimulatorKey;
  return {
    embedding: createVoyage({
      baseURL: simulator.baseURL,
      apiKeyEnv: keyVariable,
      dimensions: 256,
    }),
    registry: createRegistry([voyageProvider]),
    secrets: [voyageSimulatorKey],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});

describeEmbeddingFunctionContract('voyage (voyage-law-2, float JSON, simulator)', async () => {
  const simulator = await startVoyageSimulator();
  process.env[keyVariable] = voyageSimulatorKey;
  return {
    embedding: createVoyage({
      baseURL: simulator.baseURL,
      apiKeyEnv: keyVariable,
      model: 'voyage-law-2',
      encodingFormat: 'float',
    }),
    registry: createRegistry([voyageProvider]),
    secrets: [voyageSimulatorKey],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});
