import { describe, expect, it } from 'vitest';
import { answer, fakeProvider, vectorFor } from '../batch/fake-provider.test-helpers.js';
import { createEmbeddingFunction } from './create-embedding-function.js';

const limits = { maxInputsPerCall: 2, supportsParallelCalls: true, concurrency: 2 };

describe('createEmbeddingFunction', () => {
  it('maps the three encode methods to purposes and returns Float32Array vectors in order', async () => {
    const provider = fakeProvider();
    const embedding = createEmbeddingFunction({
      provider: 'fake',
      model: 'm',
      dim: 4,
      limits,
      settings: {},
      embedBatch: provider.embedBatch,
    });
    const documents = await embedding.encodeDocuments(['a', 'b', 'c']);
    await embedding.encodeQueries(['q']);
    await embedding.embed(['e'], { task: 'classification' });
    expect(documents).toEqual(['a', 'b', 'c'].map((text) => vectorFor(text, 4)));
    expect(documents[0]).toBeInstanceOf(Float32Array);
    expect(provider.calls.map((call) => [call.request.purpose, call.request.task])).toEqual([
      ['document', undefined],
      ['document', undefined],
      ['query', undefined],
      ['default', 'classification'],
    ]);
  });

  it('validates before any call and makes no call for an empty list', async () => {
    const provider = fakeProvider();
    const embedding = createEmbeddingFunction({
      provider: 'fake',
      model: 'm',
      dim: 4,
      limits,
      settings: {},
      embedBatch: provider.embedBatch,
    });
    expect(await embedding.embed([])).toEqual([]);
    await expect(embedding.embed(['a', 7 as unknown as string])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      index: 1,
    });
    expect(await embedding.embed([''], { allowEmpty: true })).toHaveLength(1);
    expect(provider.calls).toHaveLength(1);
  });

  it('returns usage with the vectors from embedWithUsage', async () => {
    const provider = fakeProvider({ behave: (call) => answer(call.inputs, 4, 10) });
    const embedding = createEmbeddingFunction({
      provider: 'fake',
      model: 'm',
      dim: 4,
      limits,
      settings: {},
      embedBatch: provider.embedBatch,
    });
    const result = await embedding.embedWithUsage(['a', 'b', 'c'], { purpose: 'query' });
    expect(result.usage).toEqual({ tokens: 20, calls: 2, retries: 0, rateLimited: 0 });
  });

  it('embeds atomic groups one call each and returns one list per group', async () => {
    const provider = fakeProvider();
    const embedding = createEmbeddingFunction({
      provider: 'fake',
      model: 'm',
      dim: 4,
      limits,
      settings: {},
      embedBatch: provider.embedBatch,
    });
    const groups = await embedding.embedGroups([['a', 'b'], ['c']]);
    expect(groups).toEqual([[vectorFor('a', 4), vectorFor('b', 4)], [vectorFor('c', 4)]]);
    expect(provider.calls.map((call) => [call.inputs, call.request.atomic])).toEqual([
      [['a', 'b'], true],
      [['c'], true],
    ]);
  });

  it('learns an unknown dimension with one probe, then knows it', async () => {
    const provider = fakeProvider({ dim: 6 });
    const embedding = createEmbeddingFunction({
      provider: 'fake',
      model: 'unknown-model',
      dim: 0,
      limits,
      settings: {},
      embedBatch: provider.embedBatch,
    });
    expect(embedding.dim).toBe(0);
    expect(await embedding.resolveDim()).toBe(6);
    expect(await embedding.resolveDim()).toBe(6);
    expect(embedding.dim).toBe(6);
    expect(embedding.space.dim).toBe(6);
    expect(embedding.toConfig().dim).toBe(6);
    expect(provider.calls).toHaveLength(1);
  });

  it('describes its space and config without undefined settings', () => {
    const embedding = createEmbeddingFunction({
      provider: 'fake',
      model: 'm',
      dim: 4,
      limits,
      settings: { dimensions: 4, baseURL: undefined, apiKeyEnv: 'FAKE_KEY' },
      spaceProperties: { normalized: true },
      family: 'shared-family',
      embedBatch: fakeProvider().embedBatch,
    });
    expect(embedding.toConfig()).toEqual({
      provider: 'fake',
      model: 'm',
      dim: 4,
      dimensions: 4,
      apiKeyEnv: 'FAKE_KEY',
    });
    expect(embedding.space).toEqual({
      family: 'shared-family',
      model: 'm',
      dim: 4,
      normalized: true,
    });
    expect(embedding.limits).toBe(limits);
  });
});
