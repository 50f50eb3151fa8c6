import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMistral } from './mistral-embedding.js';
import { useMistralSimulator } from './simulator.test-helpers.js';

describe('README', () => {
  const simulator = useMistralSimulator();
  afterEach(() => vi.unstubAllEnvs());

  it('quick start runs (pointed at the simulator), reading the key from MISTRAL_API_KEY', async () => {
    vi.stubEnv('MISTRAL_API_KEY', simulator.current.apiKey);
    const mistral = createMistral({
      model: 'codestral-embed',
      dimensions: 512,
      baseURL: simulator.current.baseURL,
    });
    const snippets = await mistral.encodeDocuments([
      'def add(a, b): return a + b',
      'SELECT * FROM users;',
    ]);
    const [query] = await mistral.encodeQueries(['add two numbers']);
    const [bits] = await mistral.encodeQuantized(['def add(a, b): return a + b'], {
      type: 'ubinary',
    });
    expect([mistral.dim, snippets.length, query?.length, bits?.length]).toEqual([512, 2, 512, 64]);
  });
});
