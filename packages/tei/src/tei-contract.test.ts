import { createRegistry } from '@embedkit/core';
import { describeEmbeddingFunctionContract, startTEISimulator } from '@embedkit/testing';
import { createTEI } from './tei-embedding.js';
import { teiProvider } from './tei-provider.js';

const tokenVariable = 'EMBEDKIT_TEST_TEI_TOKEN';
const token = 'tei-contract-token-5d1e';

describeEmbeddingFunctionContract('tei (dimensions configured, bearer token)', async () => {
  const simulator = await startTEISimulator({ dim: 64, apiKey: token });
  process.env[tokenVariable] = token;
  return {
    embedding: createTEI({
      baseURL: simulator.url,
      model: 'BAAI/bge-small-en-v1.5',
      dimensions: 64,
      apiKeyEnv: tokenVariable,
    }),
    registry: createRegistry([teiProvider]),
    secrets: [token],
    teardown: async () => {
      delete process.env[tokenVariable];
      await simulator.close();
    },
  };
});

describeEmbeddingFunctionContract('tei (dimension learned, prompts for queries)', async () => {
  const simulator = await startTEISimulator({
    modelId: 'intfloat/e5-small-v2',
    dim: 48,
    prompts: { query: 'query: ', passage: 'passage: ' },
  });
  return {
    embedding: createTEI({
      baseURL: simulator.url,
      model: 'intfloat/e5-small-v2',
      queryPromptName: 'query',
      documentPromptName: 'passage',
    }),
    registry: createRegistry([teiProvider]),
    teardown: () => simulator.close(),
  };
});
