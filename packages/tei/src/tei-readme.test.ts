import { MemoryVectorStore } from '@embedkit/core';
import { startTEISimulator } from '@embedkit/testing';
import { describe, expect, it } from 'vitest';
import { createTEI } from './tei-embedding.js';
import { createTEIReranker } from './tei-reranker.js';

describe('README', () => {
  it('quick start runs (pointed at the simulator)', async () => {
    const simulator = await startTEISimulator({ dim: 384 });
    try {
      const embedding = createTEI({
        baseURL: simulator.url,
        model: 'BAAI/bge-small-en-v1.5',
        dimensions: 384,
      });
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

  it('the testing example logs /info then /embed', async () => {
    const simulator = await startTEISimulator({
      dim: 384,
      maxClientBatchSize: 8,
      prompts: { query: 'query: ' },
    });
    try {
      const embedding = createTEI({
        baseURL: simulator.url,
        model: 'BAAI/bge-small-en-v1.5',
        queryPromptName: 'query',
      });
      await embedding.encodeQueries(['what is TEI?']);
      expect(simulator.log.map((request) => request.path)).toEqual(['/info', '/embed']);
    } finally {
      await simulator.close();
    }
  });
  it('the reranking example runs (pointed at a simulator serving a re-ranker)', async () => {
    const simulator = await startTEISimulator({ modelType: 'reranker' });
    try {
      const reranker = createTEIReranker({
        baseURL: simulator.url,
        model: 'BAAI/bge-reranker-base',
      });
      const results = await reranker.rerank(
        'which database stores vectors?',
        ['Foxes hunt at dawn.', 'Milvus is a vector database.'],
        { topN: 1 },
      );
      expect(results).toHaveLength(1);
      expect(results[0]?.index).toBe(1);
      expect(results[0]?.score).toBeGreaterThan(0);
      expect(results[0]?.score).toBeLessThan(1);
    } finally {
      await simulator.close();
    }
  });
});
