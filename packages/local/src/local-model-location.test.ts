import { dirname, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocal } from './local-embedding.js';
import { testModelPath } from './test-model.test-helpers.js';

const noDownloads = (): never => {
  throw new Error('no download expected: the model is installed');
};

describe('where the local model comes from, and what toConfig() says about it', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('finds a model id under EMBEDKIT_MODELS_DIR, and the config names only the id', async () => {
    const directory = testModelPath();
    vi.stubEnv('EMBEDKIT_MODELS_DIR', dirname(directory));
    const embedding = createLocal({ model: 'all-MiniLM-L6-v2' }, { fetch: noDownloads as never });
    try {
      const [vector] = await embedding.encodeDocuments(['installed, not downloaded']);
      expect(vector).toHaveLength(384);
      const config = embedding.toConfig();
      expect(config.modelPath).toBeUndefined();
      expect(JSON.stringify(config)).not.toContain(dirname(directory));
      expect(JSON.stringify(embedding.space)).not.toContain(dirname(directory));
    } finally {
      await embedding.close();
    }
  });

  it('keeps a relative modelPath as written, resolving it only to load the model', async () => {
    const written = relative(process.cwd(), testModelPath());
    const embedding = createLocal({ modelPath: written });
    try {
      expect(await embedding.encodeDocuments(['relative path'])).toHaveLength(1);
      expect(embedding.toConfig().modelPath).toBe(written);
      expect(JSON.stringify(embedding.toConfig())).not.toContain(process.cwd());
    } finally {
      await embedding.close();
    }
  });
});
