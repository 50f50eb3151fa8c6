import { createHashingEmbedding, createRegistry } from '@embedkit/core';
import { describeEmbeddingFunctionContract, openaiSimulatorKey } from '@embedkit/testing';
import { toLangChain } from './embedkit-embeddings.js';
import { openAIEmbeddingsSetup } from './langchain.test-helpers.js';
import { fromLangChain } from './langchain-embedding.js';
import { createLangChainProvider } from './langchain-provider.js';

describeEmbeddingFunctionContract(
  'langchain: @langchain/openai OpenAIEmbeddings (OpenAI simulator)',
  async () => {
    const { simulator, embeddings } = await openAIEmbeddingsSetup();
    return {
      embedding: fromLangChain(embeddings, { name: 'openai-small', dimensions: 1536 }),
      registry: createRegistry([createLangChainProvider({ 'openai-small': embeddings })]),
      secrets: [openaiSimulatorKey],
      teardown: () => simulator.close(),
    };
  },
);

// Both directions at once: an embedkit function as LangChain Embeddings, wrapped back.
describeEmbeddingFunctionContract('langchain: fromLangChain(toLangChain(hashing))', () => {
  const inner = createHashingEmbedding({ dimensions: 64 });
  const embeddings = toLangChain(inner);
  return {
    embedding: fromLangChain(embeddings, { name: 'hashing-64', dimensions: 64 }),
    registry: createRegistry([createLangChainProvider({ 'hashing-64': embeddings })]),
  };
});
