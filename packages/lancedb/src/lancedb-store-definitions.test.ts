import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHashingEmbedding, createStoreRegistry, InvalidConfigError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './lancedb-store.test-helpers.js';
import { lanceDbStore } from './lancedb-store-definitions.js';
import { connectUri, LanceDbStoreDriver } from './lancedb-store-driver.js';

const directory = temporaryDirectory('lancedb-definitions');
const stores = createStoreRegistry([lanceDbStore]);
const embedding = createHashingEmbedding({ dimensions: 16 });

describe('lancedb store definition', () => {
  it('keeps its tables in .embedkit/lancedb under the working directory by default', async () => {
    const previous = process.cwd();
    process.chdir(directory);
    try {
      const store = stores.fromConfig({ kind: 'lancedb' }, { embedding });
      expect(store).toMatchObject({
        kind: 'lancedb',
        collection: 'embedkit_documents',
        location: '.embedkit/lancedb',
      });
      await store.addDocuments([{ id: 'one', text: 'stored by default' }]);
      await store.close();
      expect(existsSync(join(directory, '.embedkit', 'lancedb', 'embedkit_documents.lance'))).toBe(
        true,
      );
    } finally {
      process.chdir(previous);
    }
  });

  it('takes a relative uri as a folder under the working directory, even one starting with "db"', async () => {
    const previous = process.cwd();
    process.chdir(directory);
    try {
      const store = stores.fromConfig({ kind: 'lancedb', uri: 'db-files' }, { embedding });
      await store.addDocuments([{ id: 'one', text: 'a local folder' }]);
      await store.close();
      expect(existsSync(join(directory, 'db-files', 'embedkit_documents.lance'))).toBe(true);
      expect(connectUri('s3://bucket/path')).toBe('s3://bucket/path');
      const engine = (uri: string) => new LanceDbStoreDriver({ uri }).engine;
      expect([engine('db-files'), engine('s3://bucket/path'), engine('db://name')]).toEqual([
        'LanceDB (embedded)',
        'LanceDB on object storage',
        'LanceDB Cloud',
      ]);
      expect(connectUri('db://my-database')).toBe('db://my-database');
    } finally {
      process.chdir(previous);
    }
  });

  it('uses the configured uri, collection and metric', async () => {
    const uri = join(directory, 'configured');
    const store = stores.fromConfig(
      { kind: 'lancedb', uri, collection: 'notes', metric: 'ip', indexThreshold: 1000 },
      { embedding },
    );
    await store.addDocuments([{ id: 'n', text: 'a note' }]);
    expect(await store.ensureCollection()).toMatchObject({ name: 'notes', metric: 'ip' });
    await store.close();
    expect(existsSync(join(uri, 'notes.lance'))).toBe(true);
    const again = stores.fromConfig({ kind: 'lancedb', uri, collection: 'notes' }, { embedding });
    try {
      expect(await again.count()).toBe(1);
      expect(again.metric).toBe('ip');
    } finally {
      await again.close();
    }
  });

  it('refuses bad settings, listing every problem, and never takes a secret', () => {
    const error = stores.check({
      kind: 'lancedb',
      uri: '',
      indexThreshold: 0,
      indexType: 'FLAT',
      collection: 'has space',
      fields: { id: 'a`b' },
      apiKey: 'sk-secret-value',
    });
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect(error?.issues.map((issue) => issue.path).sort()).toEqual([
      '',
      'apiKey',
      'collection',
      'fields.id',
      'indexThreshold',
      'indexType',
      'uri',
    ]);
    expect(error?.message).not.toContain('sk-secret-value');
    expect(
      stores.check({ kind: 'lancedb', uri: 's3://bucket/path', readConsistencySeconds: 5 }),
    ).toBeUndefined();
  });
});
