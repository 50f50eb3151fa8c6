import { ApiCallError, AuthenticationError } from '@embedkit/core';
import { startJinaSimulator } from '@embedkit/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createJina } from './jina-embedding.js';
import { jinaAt, useJinaSimulator } from './simulator.test-helpers.js';

const texts = ['first text', 'second text', 'third text'];
const catchError = (promise: Promise<unknown>) => promise.catch((caught: unknown) => caught);

describe('jina errors: refused at once, never retried', () => {
  const simulator = useJinaSimulator({ exhaustedKeys: [`jina_${'e'.repeat(60)}`] });
  beforeEach(() => simulator.current.resetStats());

  it('401 with an invalid key: AuthenticationError naming the variable, without the key', async () => {
    const badKey = `jina_${'b'.repeat(60)}`;
    const error = await catchError(
      jinaAt(simulator.current, { apiKey: badKey }).encodeDocuments(texts),
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).providerCode).toBe('AUTH_INVALID_API_KEY');
    expect((error as Error).message).toContain('JINA_API_KEY');
    expect(
      JSON.stringify({ ...(error as object), message: (error as Error).message }),
    ).not.toContain(badKey);
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('403 with an exhausted key fails at once', async () => {
    const error = await catchError(
      jinaAt(simulator.current, { apiKey: `jina_${'e'.repeat(60)}` }).encodeDocuments(texts),
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).status).toBe(403);
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('400 for an unknown model says to check the id, and is not retried', async () => {
    const error = await catchError(
      jinaAt(simulator.current, { model: 'jina-embeddings-v9x' }).encodeDocuments(texts),
    );
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).isRetryable).toBe(false);
    expect((error as Error).message).toMatch(
      /does not know the model "jina-embeddings-v9x".*INPUT_MODEL_NOT_FOUND/,
    );
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('422 lists every refused field in a readable message and is not retried', async () => {
    const preview = await startJinaSimulator({
      extraModels: {
        'jina-embeddings-v6-preview': {
          defaultDimensions: 512,
          fields: ['normalized'],
          maxTokens: 8192,
          inputKinds: ['text'],
        },
      },
    });
    const embedding = createJina(
      {
        model: 'jina-embeddings-v6-preview',
        baseURL: preview.baseURL,
        task: 'retrieval.passage',
        dimensions: 256,
        normalized: true,
      },
      { apiKey: preview.apiKey },
    );
    const error = await catchError(embedding.encodeDocuments(texts));
    await preview.close();
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).status).toBe(422);
    expect((error as ApiCallError).isRetryable).toBe(false);
    expect((error as Error).message).toContain('task: Extra inputs are not permitted');
    expect((error as Error).message).toContain('dimensions: Extra inputs are not permitted');
    expect((error as Error).message).toContain(
      'jina-embeddings-v6-preview does not accept task, dimensions',
    );
    expect(preview.stats.requests).toBe(1);
  });

  it('missing key: AuthenticationError at the first call that says which variable to set', async () => {
    vi.stubEnv('JINA_API_KEY', '');
    vi.stubEnv('JINAAI_API_KEY', '');
    const embedding = createJina({ baseURL: simulator.current.baseURL });
    const error = await catchError(embedding.encodeDocuments(texts));
    vi.unstubAllEnvs();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /Set the JINA_API_KEY environment variable \(JINAAI_API_KEY/,
    );
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('reads JINAAI_API_KEY (pymilvus) when JINA_API_KEY is absent, lazily', async () => {
    const embedding = createJina({ baseURL: simulator.current.baseURL, dimensions: 8 });
    vi.stubEnv('JINA_API_KEY', '');
    vi.stubEnv('JINAAI_API_KEY', simulator.current.apiKey);
    const vectors = await embedding.encodeDocuments(['late key']);
    vi.unstubAllEnvs();
    expect(vectors[0]).toHaveLength(8);
    expect(JSON.stringify(embedding.toConfig())).not.toContain(simulator.current.apiKey);
  });
});
