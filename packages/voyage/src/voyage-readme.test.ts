import { createRegistry } from '@embedkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useVoyageSimulator } from './voyage.test-helpers.js';
import { createVoyage } from './voyage-embedding.js';
import { voyageProvider } from './voyage-provider.js';
import { createVoyageReranker } from './voyage-reranker.js';

describe('README', () => {
  const simulator = useVoyageSimulator();
  afterEach(() => vi.unstubAllEnvs());

  it('quick start runs (pointed at the simulator), reading the key from VOYAGE_API_KEY', async () => {
    vi.stubEnv('VOYAGE_API_KEY', simulator.current.apiKey);
    const voyage = createVoyage({
      model: 'voyage-3.5',
      dimensions: 512,
      baseURL: simulator.current.baseURL,
    });
    const passages = await voyage.encodeDocuments([
      'Milvus is a vector database.',
      'The red fox hunts mice at dawn.',
    ]);
    const [query] = await voyage.encodeQueries(['which database stores vectors?']);
    expect([voyage.dim, passages.length, query?.length]).toEqual([512, 2, 512]);
  });

  it('the registry builds an equal function from a plain config', async () => {
    vi.stubEnv('VOYAGE_API_KEY', simulator.current.apiKey);
    const registry = createRegistry([voyageProvider]);
    const embedding = registry.fromConfig({
      provider: 'voyage',
      model: 'voyage-3.5',
      dimensions: 512,
      apiKeyEnv: 'VOYAGE_API_KEY',
      baseURL: simulator.current.baseURL,
    });
    expect(embedding.dim).toBe(512);
    expect(await embedding.encodeQueries(['fox'])).toHaveLength(1);
    expect(registry.fromConfig(embedding.toConfig()).toConfig()).toEqual(embedding.toConfig());
  });
  it('the reranking example runs (pointed at the simulator) and puts the matching document first', async () => {
    vi.stubEnv('VOYAGE_API_KEY', simulator.current.apiKey);
    const reranker = createVoyageReranker({
      model: 'rerank-2.5',
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
