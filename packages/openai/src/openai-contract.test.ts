import { createRegistry } from '@embedkit/core';
import {
  describeEmbeddingFunctionContract,
  openaiSimulatorKey,
  startOpenAISimulator,
} from '@embedkit/testing';
import { createOpenAI } from './openai-embedding.js';
import { openaiProvider } from './openai-provider.js';

const keyVariable = 'EMBEDKIT_TEST_OPENAI_KEY';

describeEmbeddingFunctionContract('openai (text-embedding-3-small, simulator)', async () => {
  const simulator = await startOpenAISimulator();
  process.env[keyVariable] = openaiSimulatorKey;
  return {
    embedding: createOpenAI({ baseURL: simulator.baseURL, apiKeyEnv: keyVariable, dimensions: 64 }),
    registry: createRegistry([openaiProvider]),
    secrets: [openaiSimulatorKey],
    teardown: async () => {
      delete process.env[keyVariable];
      await simulator.close();
    },
  };
});

describeEmbeddingFunctionContract(
  'openai-compatible local server (unknown model, probed)',
  async () => {
    const simulator = await startOpenAISimulator({
      apiKey: null,
      models: {
        'nomic-embed-text': { dim: 48, acceptsDimensions: false, maxTokensPerInput: 2048 },
      },
    });
    return {
      embedding: createOpenAI({
        baseURL: simulator.baseURL,
        model: 'nomic-embed-text',
        encodingFormat: 'float',
        queryPrefix: 'search_query: ',
        documentPrefix: 'search_document: ',
      }),
      registry: createRegistry([openaiProvider]),
      teardown: () => simulator.close(),
    };
  },
);
