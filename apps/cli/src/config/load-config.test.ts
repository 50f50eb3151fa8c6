import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStoreRegistry, InvalidConfigError, memoryStore } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { checkStoreConfig } from '../stores/check-store-config.js';
import { loadCliRegistry } from './cli-registry.js';
import { embeddingConfigCheck } from './embedding-config-check.js';
import { loadConfig } from './load-config.js';

const memoryStores = createStoreRegistry([memoryStore]);

const directory = mkdtempSync(join(tmpdir(), 'embedkit-config-'));
const write = (name: string, content: unknown) => {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('loadConfig', () => {
  it('fills defaults: hashing embedding, Milvus Lite store, 256-token chunks', () => {
    const { config } = loadConfig({ config: write('empty.json', {}) }, {});
    expect(config.embedding).toEqual({ provider: 'hashing' });
    expect(config.store).toEqual({
      kind: 'milvus-lite',
      path: '.embedkit/milvus.db',
      collection: 'embedkit_documents',
    });
    expect(config.chunking).toEqual({ size: 256, overlap: 32 });
  });

  it('lists every problem with its path', () => {
    const file = write('bad.json', {
      store: { kind: 'memory', collection: 7 },
      chunking: { size: 'big' },
      extra: true,
    });
    const error = (() => {
      try {
        loadConfig({ config: file }, {}, undefined, (store) =>
          checkStoreConfig(memoryStores, store),
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    const paths = (error as InvalidConfigError).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['store.collection', 'chunking.size']));
    expect((error as Error).message).toContain('extra');
  });

  it('refuses secrets in the file and names the fix', async () => {
    const checkEmbedding = embeddingConfigCheck(await loadCliRegistry('jina'));
    const file = write('secret.json', {
      embedding: { provider: 'jina', apiKey: 'jina_secret_value' },
    });
    expect(() => loadConfig({ config: file }, {}, checkEmbedding)).toThrow(/environment variable/);
  });

  it('passes a provider rateLimit through, and reports a bad one under embedding.rateLimit', async () => {
    const checkEmbedding = embeddingConfigCheck(await loadCliRegistry('jina'));
    const rateLimit = { requestsPerMinute: 500, tokensPerMinute: 1_000_000 };
    const good = write('paced.json', { embedding: { provider: 'jina', rateLimit } });
    expect(loadConfig({ config: good }, {}, checkEmbedding).config.embedding).toEqual({
      provider: 'jina',
      rateLimit,
    });
    const bad = write('badly-paced.json', {
      embedding: { provider: 'jina', rateLimit: { tokensPerMinute: 0 } },
    });
    expect(() => loadConfig({ config: bad }, {}, checkEmbedding)).toThrow(
      /embedding\.rateLimit\.tokensPerMinute: expected a number above 0/,
    );
  });

  it('lets environment and flags override the file', () => {
    const file = write('memory.json', { store: { kind: 'memory', collection: 'docs' } });
    const fromEnvironment = loadConfig({ config: file }, { MILVUS_URI: 'http://127.0.0.1:19530' });
    expect(fromEnvironment.config.store).toMatchObject({
      kind: 'milvus',
      address: 'http://127.0.0.1:19530',
      collection: 'docs',
    });
    const fromFlags = loadConfig(
      { config: file, store: 'milvus-lite', storePath: 'x.db', provider: 'hashing' },
      {},
    );
    expect(fromFlags.config.store).toEqual({
      kind: 'milvus-lite',
      path: 'x.db',
      collection: 'docs',
    });
  });

  it('--address selects the server store at that address, over the file and MILVUS_URI', () => {
    const file = write('lite.json', {
      store: { kind: 'milvus-lite', path: 'local.db', collection: 'docs', tokenEnv: 'MY_TOKEN' },
    });
    const { config, overrides } = loadConfig(
      { config: file, address: 'http://127.0.0.1:19531' },
      { MILVUS_URI: 'http://127.0.0.1:19530' },
    );
    expect(config.store).toEqual({
      kind: 'milvus',
      address: 'http://127.0.0.1:19531',
      collection: 'docs',
      tokenEnv: 'MY_TOKEN',
    });
    expect(overrides).toEqual([
      'MILVUS_URI=http://127.0.0.1:19530',
      '--address http://127.0.0.1:19531',
    ]);
  });

  it('explains unreadable files', () => {
    expect(() => loadConfig({ config: write('broken.json', '{ nope') }, {})).toThrow(
      /not valid JSON/,
    );
    expect(() => loadConfig({ config: join(directory, 'missing.json') }, {})).toThrow(
      /does not exist/,
    );
  });
});
