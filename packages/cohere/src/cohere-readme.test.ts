import { createRegistry } from '@embedkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCohereSimulator } from './cohere.test-helpers.js';
import { createCohere } from './cohere-embedding.js';
import { cohereProvider } from './cohere-provider.js';
import { createCohereReranker } from './cohere-reranker.js';

describe('README', () => {
  const simulator = useCohereSimulator();
  afterEach(() => vi.unstubAllEnvs());

  it('quick start runs (pointed at the simulator), reading the key from COHERE_API_KEY', async () => {
    vi.stubEnv('COHERE_API_KEY', simulator.current.apiKey);
    const cohere = createCohere({
      model: 'embed-v4.0',
      dimensions: 512,
      baseURL: simulator.current.baseURL,
    });
    const passages = await cohere.encodeDocuments([
      'Milvus is a vector database.',
      'The red fox hunts mice at dawn.',
    ]);
    const [query] = await cohere.encodeQueries(['which database stores vectors?']);
    expect([cohere.dim, passages.length, query?.length]).toEqual([512, 2, 512]);
  });

  it('the registry builds an equal function from a plain config', async () => {
    vi.stubEnv('COHERE_API_KEY', simulator.current.apiKey);
    const registry = createRegistry([cohereProvider]);
    const embedding = registry.fromConfig({
      provider: 'cohere',
      model: 'embed-v4.0',
      dimensions: 512,
      apiKeyEnv: 'COHERE_API_KEY',
      baseURL: simulator.current.baseURL,
    });
    expect(embedding.dim).toBe(512);
    expect(await embedding.encodeQueries(['fox'])).toHaveLength(1);
    expect(registry.fromConfig(embedding.toConfig()).toConfig()).toEqual(embedding.toConfig());
  });
  it('the reranking example runs (pointed at the simulator) and puts the matching document first', async () => {
    vi.stubEnv('COHERE_API_KEY', simulator.current.apiKey);
    const reranker = createCohereReranker({
      model: 'rerank-v3.5',
      baseURL: simulator.current.baseURL,
    });
    const results = await reranker.rerank(
      'which database stores vectors?',
      ['The red fox hunts mice at dawn.', 'Milvus is a vector database.'],
      { topN: 1 },
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.index).toBe(1);
    expect(results[0]?.document).toBe('Milvus is a vector database.');
  });
});
