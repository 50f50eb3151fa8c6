import { MemoryVectorStore } from '@embedkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJina } from './jina-embedding.js';
import { createJinaReranker } from './jina-reranker.js';
import { useJinaSimulator } from './simulator.test-helpers.js';

describe('README', () => {
  const simulator = useJinaSimulator();
  afterEach(() => vi.unstubAllEnvs());

  it('quick start runs (pointed at the simulator), reading the key from JINA_API_KEY', async () => {
    vi.stubEnv('JINA_API_KEY', simulator.current.apiKey);
    const jina = createJina({
      model: 'jina-embeddings-v3',
      dimensions: 512,
      baseURL: simulator.current.baseURL,
    });
    const passages = await jina.encodeDocuments([
      'Milvus is a vector database.',
      'The red fox hunts mice at dawn.',
    ]);
    const [query] = await jina.encodeQueries(['which database stores vectors?']);
    expect([jina.dim, passages.length, query?.length]).toEqual([512, 2, 512]);
  });

  it('late-chunked chunks go into a store with addVectors, one group per document', async () => {
    vi.stubEnv('JINA_API_KEY', simulator.current.apiKey);
    const embedding = createJina({
      lateChunking: true,
      dimensions: 512,
      baseURL: simulator.current.baseURL,
    });
    const documents = [
      ['Milvus is a vector database.', 'It is built for similarity search.'],
      ['The red fox hunts mice at dawn.', 'It lives in the forest.'],
    ];
    const groups = await embedding.encodeDocumentGroups(documents);
    const store = new MemoryVectorStore({ embedding });
    await store.addVectors(
      documents.flatMap((chunks, document) =>
        chunks.map((text, chunk) => ({
          text,
          metadata: { document },
          vector: groups[document]![chunk]!,
        })),
      ),
    );
    const [best] = await store.search('which database stores vectors?', { topK: 1 });
    expect(best?.metadata).toEqual({ document: 0 });
  });
  it('the reranking example runs (pointed at the simulator) and hands back the document object', async () => {
    vi.stubEnv('JINA_API_KEY', simulator.current.apiKey);
    const reranker = createJinaReranker({
      model: 'jina-reranker-v2-base-multilingual',
      baseURL: simulator.current.baseURL,
    });
    const milvus = { id: 'm', text: 'Milvus is a vector database.' };
    const results = await reranker.rerank(
      'which database stores vectors?',
      ['The red fox hunts mice at dawn.', milvus],
      { topN: 1 },
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.document).toBe(milvus);
  });
});
