import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGemini } from './gemini-embedding.js';
import { useGeminiSimulator } from './simulator.test-helpers.js';

describe('README', () => {
  const simulator = useGeminiSimulator();
  afterEach(() => vi.unstubAllEnvs());

  it('quick start runs (pointed at the simulator), reading the key from GEMINI_API_KEY', async () => {
    vi.stubEnv('GEMINI_API_KEY', simulator.current.apiKey);
    const gemini = createGemini({
      model: 'gemini-embedding-001',
      dimensions: 768,
      baseURL: simulator.current.baseURL,
    });
    const passages = await gemini.encodeDocuments([
      { title: 'Milvus', text: 'Milvus is a vector database.' },
      'The red fox hunts mice at dawn.',
    ]);
    const [query] = await gemini.encodeQueries(['which database stores vectors?']);
    expect([gemini.dim, passages.length, query?.length]).toEqual([768, 2, 768]);
  });
});
