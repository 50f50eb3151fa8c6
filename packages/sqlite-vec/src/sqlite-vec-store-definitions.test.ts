import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHashingEmbedding, createStoreRegistry, InvalidConfigError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './sqlite-vec-store.test-helpers.js';
import { sqliteVecStore } from './sqlite-vec-store-definitions.js';

const directory = temporaryDirectory('sqlite-vec-definitions');
const stores = createStoreRegistry([sqliteVecStore]);
const embedding = createHashingEmbedding({ dimensions: 16 });

describe('sqlite-vec store definition', () => {
  it('writes to .embedkit/embedkit.sqlite under the working directory by default', async () => {
    const previous = process.cwd();
    process.chdir(directory);
    try {
      const store = stores.fromConfig({ kind: 'sqlite-vec' }, { embedding });
      expect(store).toMatchObject({
        kind: 'sqlite-vec',
        collection: 'embedkit_documents',
        location: '.embedkit/embedkit.sqlite',
      });
      await store.addDocuments([{ id: 'one', text: 'stored by default' }]);
      await store.close();
      expect(existsSync(join(directory, '.embedkit', 'embedkit.sqlite'))).toBe(true);
    } finally {
      process.chdir(previous);
    }
  });

  it('uses the configured path, collection and metric', async () => {
    const path = join(directory, 'nested', 'folder', 'configured.sqlite');
    const config = { kind: 'sqlite-vec', path, collection: 'notes', metric: 'ip' };
    const store = stores.fromConfig(config, { embedding });
    await store.addDocuments([{ id: 'n', text: 'a note' }]);
    expect(await store.ensureCollection()).toMatchObject({ name: 'notes', metric: 'ip' });
    await store.close();
    expect(existsSync(path)).toBe(true);
    const again = stores.fromConfig(
      { kind: 'sqlite-vec', path, collection: 'notes' },
      { embedding },
    );
    try {
      expect(again.metric).toBe('cosine');
      expect(await again.count()).toBe(1);
      expect(again.metric).toBe('ip');
    } finally {
      await again.close();
    }
  });

  it('refuses bad settings, listing every problem', () => {
    const error = stores.check({
      kind: 'sqlite-vec',
      path: '',
      busyTimeoutMs: -1,
      metric: 'dot',
      collection: 'sqlite_master',
      fields: { id: 'doc_id', vectors: 'v' },
      token: 'secret-value',
    });
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect(error?.issues.map((issue) => issue.path).sort()).toEqual([
      '',
      'busyTimeoutMs',
      'collection',
      'fields',
      'metric',
      'path',
      'token',
    ]);
    expect(error?.message).not.toContain('secret-value');
    expect(stores.check({ kind: 'sqlite-vec', fields: { id: 'doc_id' } })).toBeUndefined();
  });
});
