import { describe, expect, it } from 'vitest';
import { answer, vectorFor } from '../batch/fake-provider.test-helpers.js';
import { fakeEmbedding } from '../embedding/fake-embedding.test-helpers.js';
import { ApiCallError } from '../errors/api-call-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { type CacheStore, MemoryCacheStore } from './cache-store.js';
import { withCache } from './with-cache.js';

const sent = (embedding: ReturnType<typeof fakeEmbedding>) =>
  embedding.calls.flatMap((call) => call.inputs);

describe('withCache', () => {
  it('sends only the misses and returns every vector in input order', async () => {
    const embedding = fakeEmbedding();
    const cached = withCache(embedding);
    await cached.encodeDocuments(['a', 'b']);
    const vectors = await cached.encodeDocuments(['b', 'c', 'a', 'd']);
    expect(sent(embedding)).toEqual(['a', 'b', 'c', 'd']);
    expect(vectors).toEqual(['b', 'c', 'a', 'd'].map((text) => vectorFor(text, 4)));
    expect(await cached.encodeDocuments(['d', 'a'])).toEqual([
      vectorFor('d', 4),
      vectorFor('a', 4),
    ]);
    expect(embedding.calls).toHaveLength(2);
  });

  it('sends a text repeated within one call once', async () => {
    const embedding = fakeEmbedding();
    const vectors = await withCache(embedding).embed(['x', 'y', 'x', 'x']);
    expect(sent(embedding)).toEqual(['x', 'y']);
    expect(vectors[3]).toEqual(vectorFor('x', 4));
  });

  it('keys by purpose and task, so documents, queries and tasks never share vectors', async () => {
    const embedding = fakeEmbedding();
    const cached = withCache(embedding);
    await cached.encodeDocuments(['t']);
    await cached.encodeQueries(['t']);
    await cached.embed(['t'], { task: 'classification' });
    await cached.embed(['t'], { task: 'classification' });
    expect(sent(embedding)).toEqual(['t', 't', 't']);
    expect(embedding.calls.map((call) => call.request.purpose)).toEqual([
      'document',
      'query',
      'default',
    ]);
  });

  it('keys by embedding space, so one store serves several models safely', async () => {
    const store = new MemoryCacheStore();
    const small = fakeEmbedding({ model: 'small', dim: 4 });
    const large = fakeEmbedding({ model: 'large', dim: 6 });
    await withCache(small, { store }).embed(['same']);
    const [vector] = await withCache(large, { store }).embed(['same']);
    expect(vector).toHaveLength(6);
    expect(sent(large)).toEqual(['same']);
    expect(store.size).toBe(2);
  });

  it('makes no call for an empty list or a cached one, and refuses bad input first', async () => {
    const embedding = fakeEmbedding();
    const cached = withCache(embedding);
    expect(await cached.embed([])).toEqual([]);
    const error = await cached.embed(['ok', '  ']).catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect(embedding.calls).toHaveLength(0);
    expect(await cached.embed([' '], { allowEmpty: true })).toHaveLength(1);
  });

  it('caches what arrived before a failure and reports it against the caller’s inputs', async () => {
    const embedding = fakeEmbedding({
      behave: (call, number) => {
        if (number === 2) throw new ApiCallError({ provider: 'fake', status: 400, message: 'no' });
        return answer(call.inputs, 4);
      },
    });
    const cached = withCache(embedding);
    await cached.embed(['hit']);
    // Misses are m1, m2 (first call, works) and m3 (second call, fails).
    const error = await cached
      .embed(['m1', 'hit', 'm2', 'm3'])
      .catch((caught: unknown) => caught as ApiCallError);
    expect((error as ApiCallError).completed).toEqual({
      indices: [0, 1, 2],
      vectors: ['m1', 'hit', 'm2'].map((text) => vectorFor(text, 4)),
    });
    const before = embedding.calls.length;
    await cached.embed(['m1', 'm2']).catch(() => undefined);
    expect(embedding.calls).toHaveLength(before);
  });

  it('reports progress over all inputs, hits included, ending at the total', async () => {
    const embedding = fakeEmbedding();
    const cached = withCache(embedding);
    await cached.embed(['a']);
    const done: number[] = [];
    const result = await cached.embedWithUsage(['a', 'b', 'c', 'b', 'd'], {
      onProgress: (progress) => {
        expect(progress.total).toBe(5);
        done.push(progress.done);
      },
    });
    expect(done).toEqual([...done].sort((left, right) => left - right));
    expect(done.at(-1)).toBe(5);
    expect(result.usage.calls).toBe(2);
  });

  it('works with any store implementing the small CacheStore interface', async () => {
    const map = new Map<string, Float32Array>();
    const requested: number[] = [];
    const store: CacheStore = {
      getMany: async (keys) => {
        requested.push(keys.length);
        return keys.map((key) => map.get(key));
      },
      setMany: async (entries) => {
        for (const [key, vector] of entries) map.set(key, vector);
      },
    };
    const embedding = fakeEmbedding();
    await withCache(embedding, { store }).embed(['a', 'b']);
    await withCache(embedding, { store }).embed(['a', 'b']);
    expect(map.size).toBe(2);
    expect(requested).toEqual([2, 2]);
    expect(embedding.calls).toHaveLength(1);
    // Keys are opaque digests: the store never sees the texts.
    for (const key of map.keys()) expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('describes itself as the function it wraps', () => {
    const embedding = fakeEmbedding();
    const cached = withCache(embedding);
    expect(cached.toConfig()).toEqual(embedding.toConfig());
    expect(cached.space).toEqual(embedding.space);
    expect(cached.dim).toBe(4);
  });
});

describe('MemoryCacheStore', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const store = new MemoryCacheStore({ maxEntries: 2 });
    const vector = new Float32Array([1]);
    await store.setMany([
      ['a', vector],
      ['b', vector],
    ]);
    await store.getMany(['a']);
    await store.setMany([['c', vector]]);
    expect(await store.getMany(['a', 'b', 'c'])).toEqual([vector, undefined, vector]);
    expect(store.size).toBe(2);
  });

  it('copies a vector that shares a response buffer, so an entry does not pin the response', async () => {
    const response = new Float32Array([1, 2, 3, 4, 5, 6]);
    const shared = response.subarray(2, 4);
    const own = new Float32Array([7, 8]);
    const store = new MemoryCacheStore();
    await store.setMany([
      ['shared', shared],
      ['own', own],
    ]);
    const [kept, ownKept] = await store.getMany(['shared', 'own']);
    expect(Array.from(kept!)).toEqual([3, 4]);
    expect(kept!.buffer.byteLength).toBe(8);
    expect(ownKept).toBe(own);
  });
});
