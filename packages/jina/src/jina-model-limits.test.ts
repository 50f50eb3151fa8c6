import { InvalidInputError } from '@embedkit/core';
import { startJinaSimulator } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { jinaModels } from './jina-models.js';
import { jinaAt, useJinaSimulator } from './simulator.test-helpers.js';

const catchError = (promise: Promise<unknown>) => promise.catch((caught: unknown) => caught);

describe('jina per-model limits', () => {
  const simulator = useJinaSimulator();
  beforeEach(() => simulator.current.resetStats());

  it('plans at most 512 inputs per jina-embeddings-v4 request, so none is refused', async () => {
    const embedding = jinaAt(simulator.current, { model: 'jina-embeddings-v4', dimensions: 32 });
    expect(embedding.limits.maxInputsPerCall).toBe(512);
    const texts = Array.from({ length: 1100 }, (_, index) => `text number ${index}`);
    const vectors = await embedding.encodeDocuments(texts);
    expect(vectors).toHaveLength(1100);
    expect(simulator.current.stats.statuses).toEqual({ 200: 3 });
    const sizes = simulator.current.embeddingBodies().map((body) => (body.input as []).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(512);
  });

  it('refuses a late-chunked v4 document of more chunks than the cap, naming it, before any call', async () => {
    const embedding = jinaAt(simulator.current, {
      model: 'jina-embeddings-v4',
      lateChunking: true,
      dimensions: 32,
    });
    const chunks = Array.from({ length: 600 }, (_, index) => `chunk ${index}`);
    const error = await catchError(embedding.encodeDocumentGroups([['short'], chunks]));
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect((error as Error).message).toMatch(/Document 1 has 600 chunks, more than the 512 inputs/);
    expect((error as Error).message).not.toMatch(/context|too long/);
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('names the server’s input cap when it refuses a late-chunked document of an unknown model', async () => {
    const preview = await startJinaSimulator({
      extraModels: {
        'jina-embeddings-v9-preview': {
          defaultDimensions: 32,
          fields: ['late_chunking'],
          maxTokens: 8192,
          maxInputs: 4,
          inputKinds: ['text'],
        },
      },
    });
    try {
      const embedding = jinaAt(preview, {
        model: 'jina-embeddings-v9-preview',
        lateChunking: true,
      });
      const chunks = Array.from({ length: 6 }, (_, index) => `chunk ${index}`);
      const error = await catchError(embedding.encodeDocumentGroups([chunks]));
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /^Document 0 has 6 chunks, more than the 4 inputs jina-embeddings-v9-preview takes/,
      );
      expect(preview.stats.statuses).toEqual({ 400: 1 });
    } finally {
      await preview.close();
    }
  });

  it('gives both v5 models the 32,768-token context of Jina’s release post', async () => {
    expect(jinaModels['jina-embeddings-v5-text-nano'].maxTokensPerInput).toBe(32_768);
    expect(jinaModels['jina-embeddings-v5-text-small'].maxTokensPerInput).toBe(32_768);
    const nano = jinaAt(simulator.current, { model: 'jina-embeddings-v5-text-nano' });
    const [vector] = await nano.encodeDocuments(['word '.repeat(20_000)]);
    expect(vector).toHaveLength(768);
  });

  it('suggests only fixes the model accepts for an over-long input', async () => {
    const long = 'word '.repeat(40_000);
    const v5 = await catchError(
      jinaAt(simulator.current, { model: 'jina-embeddings-v5-text-small' }).encodeDocuments([long]),
    );
    expect(InvalidInputError.isInstance(v5)).toBe(true);
    expect((v5 as Error).message).toMatch(/Input 0 is too long for jina-embeddings-v5-text-small/);
    expect((v5 as Error).message).not.toMatch(/set truncate: true|enable truncation/);
    expect((v5 as Error).message).toContain('takes no truncate setting');
    const v3 = await catchError(
      jinaAt(simulator.current, { model: 'jina-embeddings-v3' }).encodeDocuments([long]),
    );
    expect((v3 as Error).message).toContain('set truncate: true');
  });
});
