import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNomic } from './nomic-embedding.js';
import { useNomicSimulator } from './simulator.test-helpers.js';

describe('README', () => {
  const simulator = useNomicSimulator();
  afterEach(() => vi.unstubAllEnvs());

  it('quick start runs (pointed at the simulator), reading the key from NOMIC_API_KEY', async () => {
    vi.stubEnv('NOMIC_API_KEY', simulator.current.apiKey);
    const nomic = createNomic({
      model: 'nomic-embed-text-v1.5',
      dimensions: 256,
      baseURL: simulator.current.baseURL,
    });
    const passages = await nomic.encodeDocuments([
      'Milvus is a vector database.',
      'The red fox hunts mice at dawn.',
    ]);
    const [query] = await nomic.encodeQueries(['which database stores vectors?']);
    expect([nomic.dim, passages.length, query?.length]).toEqual([256, 2, 256]);
  });
});
