import { MemoryVectorStore } from '@embedkit/core';
import { startOllamaSimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { createOllama } from './ollama-embedding.js';

describe('README', () => {
  it('quick start runs (pointed at the simulator through OLLAMA_HOST)', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const embedding = createOllama(
        {
          model: 'nomic-embed-text',
          queryPrefix: 'search_query: ',
          documentPrefix: 'search_document: ',
        },
        { environment: { OLLAMA_HOST: simulator.url } },
      );
      const store = new MemoryVectorStore({ embedding });
      await store.addDocuments([
        { text: 'Milvus is a vector database.' },
        { text: 'Foxes hunt at dawn.' },
      ]);
      const [best] = await store.search('which database stores vectors?', { topK: 1 });
      expect(best?.text).toBe('Milvus is a vector database.');
    } finally {
      await simulator.close();
    }
  });

  it('the testing example returns a 384-long vector', async () => {
    const simulator = await startOllamaSimulator();
    try {
      const embedding = createOllama({ baseURL: simulator.url, model: 'all-minilm' });
      const [vector] = await embedding.encodeDocuments(['hello']);
      expect(vector).toHaveLength(384);
    } finally {
      await simulator.close();
    }
  });
});
