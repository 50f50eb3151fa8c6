import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashingEmbedding } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { loadStoreRegistry } from './load-store-registry.js';

describe('the chroma store through the CLI', () => {
  it('CHROMA_URL selects the chroma kind at that URL, keeping the collection', () => {
    const directory = mkdtempSync(join(tmpdir(), 'embedkit-cli-chroma-'));
    const file = join(directory, 'memory.json');
    writeFileSync(file, JSON.stringify({ store: { kind: 'memory', collection: 'docs' } }));
    const { config, overrides } = loadConfig(
      { config: file },
      { CHROMA_URL: 'http://127.0.0.1:8765' },
    );
    expect(config.store).toEqual({
      kind: 'chroma',
      url: 'http://127.0.0.1:8765',
      collection: 'docs',
    });
    expect(overrides).toEqual(['CHROMA_URL=http://127.0.0.1:8765']);
  });

  it('finds the kind in @embedkit/chroma and builds a store from the config', async () => {
    const registry = await loadStoreRegistry('chroma');
    expect(registry.has('chroma')).toBe(true);
    const store = registry.fromConfig(
      { kind: 'chroma', url: 'http://127.0.0.1:8765', collection: 'docs' },
      { embedding: createHashingEmbedding({ dimensions: 8 }) },
    );
    expect(store.kind).toBe('chroma');
    expect(store.location).toBe('http://127.0.0.1:8765');
    await store.close();
  });
});
