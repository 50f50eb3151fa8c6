import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashingEmbedding, StoreError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { createChromaStore } from './chroma-store.js';
import { startChromaServer } from './start-chroma-server.js';

describe('README', () => {
  it('quick start runs: its own Chroma server, a store, a filtered search, and a clean stop', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'embedkit-chroma-readme-'));
    try {
      const server = await startChromaServer({ path: join(directory, 'chroma') });
      const embedding = createHashingEmbedding({ dimensions: 384 });
      const store = createChromaStore({ embedding, collection: 'docs', url: server.url });
      await store.addDocuments([
        { text: 'Chroma is a vector database.', metadata: { source: 'a.md', page: 1 } },
        { text: 'The red fox hunts mice at dawn.', metadata: { source: 'b.md', page: 2 } },
      ]);
      const [best] = await store.search('which database stores vectors?', {
        topK: 1,
        filter: { page: { lt: 2 } },
      });
      expect(best?.text).toBe('Chroma is a vector database.');
      expect(best?.score).toBeGreaterThan(0);
      await store.close();
      await server.stop();
      const stopped = await fetch(`${server.url}/api/v2/heartbeat`).catch(
        (caught: unknown) => caught,
      );
      expect(stopped).toBeInstanceOf(Error);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('startChromaServer names the pip install when Chroma cannot run', async () => {
    const error = await startChromaServer({
      path: join(tmpdir(), 'unused'),
      command: 'embedkit-no-such-chroma',
    }).catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('pip install chromadb');
  });
});
