import { createRegistry, InvalidConfigError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { createJina } from './jina-embedding.js';
import { jinaProvider } from './jina-provider.js';

function issuesOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (InvalidConfigError.isInstance(error))
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('jina settings', () => {
  it('defaults like pymilvus: jina-embeddings-v3, 1024 dims, no call needed', () => {
    const embedding = createJina();
    expect([embedding.model, embedding.dim]).toEqual(['jina-embeddings-v3', 1024]);
    expect(embedding.toConfig()).toEqual({
      provider: 'jina',
      model: 'jina-embeddings-v3',
      dim: 1024,
      lateChunking: false,
    });
  });

  it('checks settings against the model, listing every problem', () => {
    expect(
      issuesOf(() =>
        createJina({
          model: 'jina-embeddings-v2-base-en',
          task: 'retrieval.passage',
          lateChunking: true,
          dimensions: 512,
        }),
      ),
    ).toEqual([
      'task: jina-embeddings-v2-base-en takes no task; remove it',
      'dimensions: jina-embeddings-v2-base-en produces exactly 768 (fixed) dimensions, not 512',
      'lateChunking: jina-embeddings-v2-base-en does not support late chunking; use jina-embeddings-v3 or v4',
    ]);
    expect(issuesOf(() => createJina({ task: 'clustering' }))[0]).toContain('"separation"');
    expect(issuesOf(() => createJina({ model: 'jina-colbert-v2', dimensions: 100 }))[0]).toContain(
      '64, 96, 128',
    );
    expect(
      issuesOf(() => createJina({ model: 'jina-embeddings-v4', normalized: false }))[0],
    ).toContain('normalised');
    expect(
      issuesOf(() =>
        createJina({ model: 'jina-embeddings-v5-text-small', embeddingType: 'base64' }),
      )[0],
    ).toContain('embedding_type');
    expect(issuesOf(() => createJina({ dimension: 3 } as never))[0]).toContain('dimension');
  });

  it('keeps the key out of toConfig and round-trips through the registry', () => {
    const key = `jina_${'k'.repeat(60)}`;
    const embedding = createJina(
      { apiKeyEnv: 'MY_JINA_KEY', dimensions: 256, task: 'text-matching', concurrency: 3 },
      { apiKey: key },
    );
    const config = embedding.toConfig();
    expect(JSON.stringify(config)).not.toContain(key);
    expect(config).toEqual({
      provider: 'jina',
      model: 'jina-embeddings-v3',
      dim: 256,
      task: 'text-matching',
      dimensions: 256,
      lateChunking: false,
      apiKeyEnv: 'MY_JINA_KEY',
      concurrency: 3,
    });
    const rebuilt = createRegistry([jinaProvider]).fromConfig(config);
    expect(rebuilt.toConfig()).toEqual(config);
    expect(rebuilt.space).toEqual(embedding.space);
  });

  it('refuses a stored config whose dim disagrees with the settings', () => {
    expect(() => createRegistry([jinaProvider]).fromConfig({ provider: 'jina', dim: 512 })).toThrow(
      /1024/,
    );
  });
});
