import {
  createHashingEmbedding,
  createStoreRegistry,
  InvalidConfigError,
  NotSupportedError,
} from '@embedkit/core';
import { ChromaClient } from 'chromadb';
import { describe, expect, inject, it } from 'vitest';
import { chromaAddress } from './chroma-connection.js';
import { ChromaVectorStore } from './chroma-store.js';
import { uniqueCollection } from './chroma-store.test-helpers.js';
import { chromaStore } from './chroma-store-definitions.js';
import { startRecordingProxy } from './recording-proxy.test-helpers.js';

const stores = createStoreRegistry([chromaStore]);
const embedding = createHashingEmbedding({ dimensions: 16 });

describe('the chroma store kind', () => {
  it('builds a working store from a JSON config, with its defaults', async () => {
    const collection = uniqueCollection('config');
    const store = stores.fromConfig(
      { kind: 'chroma', url: inject('chromaUrl'), collection, metric: 'ip' },
      { embedding },
    );
    try {
      expect(store).toBeInstanceOf(ChromaVectorStore);
      expect(store.kind).toBe('chroma');
      expect(store.location).toBe(inject('chromaUrl'));
      await store.addDocuments([{ id: 'a', text: 'from a config' }]);
      // No BM25 fusion in Chroma's open-source server: hybrid search is refused, not faked.
      const hybrid = await store.hybridSearch!('config').catch((caught: unknown) => caught);
      expect(NotSupportedError.isInstance(hybrid)).toBe(true);
      expect(store.metric).toBe('ip');
      const { host, port } = chromaAddress(inject('chromaUrl'));
      const raw = await new ChromaClient({ host, port }).getCollection({ name: collection });
      expect(raw.configuration.hnsw?.space).toBe('ip');
    } finally {
      await store.close();
    }
    const defaults = stores.fromConfig({ kind: 'chroma' }, { embedding });
    expect(defaults.collection).toBe('embedkit_documents');
    expect(defaults.location).toBe('http://localhost:8000');
    expect(defaults.engine).toBe('Chroma server');
    const cloud = stores.fromConfig(
      { kind: 'chroma', url: 'https://api.trychroma.com', tenant: 't', database: 'd' },
      { embedding },
    );
    expect([cloud.engine, cloud.location]).toEqual(['Chroma Cloud', 'https://api.trychroma.com']);
  });

  it('passes tokenEnv, tokenHeader and maxBatchSize from the config to the driver', async () => {
    const proxy = await startRecordingProxy(inject('chromaUrl'), { requireToken: 'config-token' });
    const variable = `EMBEDKIT_TEST_CHROMA_CONFIG_TOKEN_${process.pid}`;
    process.env[variable] = 'config-token';
    const store = stores.fromConfig(
      {
        kind: 'chroma',
        url: proxy.url,
        collection: uniqueCollection('config_token'),
        tokenEnv: variable,
        tokenHeader: 'authorization',
        maxBatchSize: 2,
      },
      { embedding },
    );
    try {
      await store.addDocuments(['a', 'b', 'c'].map((text) => ({ id: text, text })));
      expect(await store.count()).toBe(3);
      const upserts = proxy.requests.filter((request) => request.path.endsWith('/upsert'));
      expect(upserts.map((request) => request.records)).toEqual([2, 1]);
      expect(
        upserts.every((request) => request.headers.authorization === 'Bearer config-token'),
      ).toBe(true);
    } finally {
      delete process.env[variable];
      await store.close();
      await proxy.close();
    }
  });

  it('refuses a token in the config, unknown keys and bad values, naming them', () => {
    for (const [config, path] of [
      [{ kind: 'chroma', token: 'secret-value' }, 'token'],
      [{ kind: 'chroma', address: 'http://x:1' }, 'address'],
      [{ kind: 'chroma', url: 'http://x:1/path' }, 'url'],
      [{ kind: 'chroma', collection: 'a' }, 'collection'],
      [{ kind: 'chroma', metric: 'dot' }, 'metric'],
      [{ kind: 'chroma', fields: { vector: 'v' } }, 'fields.vector'],
    ] as const) {
      const error = stores.check(config);
      expect(InvalidConfigError.isInstance(error)).toBe(true);
      expect(error?.message).toContain(path);
      expect(error?.message).not.toContain('secret-value');
    }
  });
});
