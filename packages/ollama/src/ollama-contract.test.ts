import { createRegistry } from '@embedkit/core';
import { describeEmbeddingFunctionContract, startOllamaSimulator } from '@embedkit/testing';
import { createOllama } from './ollama-embedding.js';
import { ollamaProvider } from './ollama-provider.js';

describeEmbeddingFunctionContract('ollama (nomic-embed-text, prefixes)', async () => {
  const simulator = await startOllamaSimulator();
  return {
    embedding: createOllama({
      baseURL: simulator.url,
      model: 'nomic-embed-text',
      queryPrefix: 'search_query: ',
      documentPrefix: 'search_document: ',
    }),
    registry: createRegistry([ollamaProvider]),
    teardown: () => simulator.close(),
  };
});

describeEmbeddingFunctionContract('ollama (a custom model with dimensions)', async () => {
  const simulator = await startOllamaSimulator({
    models: { 'my-embedder:q8': { dim: 96, contextLength: 1024 } },
  });
  return {
    embedding: createOllama({ baseURL: simulator.url, model: 'my-embedder:q8', dimensions: 96 }),
    registry: createRegistry([ollamaProvider]),
    teardown: () => simulator.close(),
  };
});
