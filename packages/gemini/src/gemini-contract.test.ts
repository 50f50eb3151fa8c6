import { createRegistry } from '@embedkit/core';
import { describeEmbeddingFunctionContract, startGeminiSimulator } from '@embedkit/testing';
import { createGemini } from './gemini-embedding.js';
import { geminiProvider } from './gemini-provider.js';

describeEmbeddingFunctionContract('gemini (simulator)', async () => {
  const simulator = await startGeminiSimulator();
  process.env.GEMINI_CONTRACT_KEY = simulator.apiKey;
  return {
    embedding: createGemini({
      baseURL: simulator.baseURL,
      dimensions: 768,
      apiKeyEnv: 'GEMINI_CONTRACT_KEY',
    }),
    registry: createRegistry([geminiProvider]),
    secrets: [simulator.apiKey],
    teardown: async () => {
      delete process.env.GEMINI_CONTRACT_KEY;
      await simulator.close();
    },
  };
});

describeEmbeddingFunctionContract('gemini text-embedding-004 (simulator)', async () => {
  const simulator = await startGeminiSimulator();
  process.env.GEMINI_CONTRACT_KEY_004 = simulator.apiKey;
  return {
    embedding: createGemini({
      baseURL: simulator.baseURL,
      model: 'text-embedding-004',
      apiKeyEnv: 'GEMINI_CONTRACT_KEY_004',
    }),
    registry: createRegistry([geminiProvider]),
    secrets: [simulator.apiKey],
    teardown: async () => {
      delete process.env.GEMINI_CONTRACT_KEY_004;
      await simulator.close();
    },
  };
});
