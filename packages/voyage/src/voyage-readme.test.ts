import { createRegistry } from '@embedkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useVoyageSimulator } from './voyage.test-helpers.js';
import { createVoyage } from './voyage-embedding.js';
import { voyageProvider } from './voyage-provider.js';

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
});
