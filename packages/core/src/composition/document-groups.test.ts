import { describe, expect, it } from 'vitest';
import { answer, vectorFor } from '../batch/fake-provider.test-helpers.js';
import {
  contextualAnswer,
  fakeEmbedding,
  lateChunkingFakeEmbedding,
} from '../embedding/fake-embedding.test-helpers.js';
import { AbortError } from '../errors/abort-error.js';
import { EmbeddingSpaceMismatchError } from '../errors/embedding-space-mismatch-error.js';
import { EmbedkitError } from '../errors/embedkit-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { withCache } from './with-cache.js';
import { withFailover } from './with-failover.js';

const documents = [
  ['alpha one', 'alpha two', 'alpha three'],
  ['beta one'],
  ['gamma one', 'gamma two'],
];
const expected = (groups: readonly (readonly string[])[]) =>
  groups.map((chunks) => contextualAnswer(chunks).embeddings.map((entry) => entry.vector));

describe('grouped encoding through withCache', () => {
  it('forwards encodeDocumentGroups and chunkContext, one call per late-chunked document', async () => {
    const embedding = lateChunkingFakeEmbedding();
    const cached = withCache(embedding);
    expect(cached.chunkContext).toBe('document');
    expect(await cached.encodeDocumentGroups!(documents)).toEqual(expected(documents));
    expect(embedding.calls.map((call) => call.inputs)).toEqual(documents);
    expect(embedding.calls.every((call) => call.request.atomic)).toBe(true);
  });

  it('serves a late-chunked document only when every chunk is cached, else embeds it whole', async () => {
    const embedding = lateChunkingFakeEmbedding();
    const cached = withCache(embedding);
    await cached.encodeDocumentGroups!([documents[0]!]);
    // Same first chunks, one more chunk: a different document, embedded whole with its context.
    const longer = [...documents[0]!, 'alpha four'];
    const [vectors] = await cached.encodeDocumentGroups!([longer]);
    expect(vectors).toEqual(expected([longer])[0]);
    expect(embedding.calls.map((call) => call.inputs)).toEqual([documents[0], longer]);
    // Both documents again: all hits, no call.
    expect(await cached.encodeDocumentGroups!([documents[0]!, longer])).toEqual(
      expected([documents[0]!, longer]),
    );
    expect(embedding.calls).toHaveLength(2);
  });

  it('never serves a late-chunked chunk vector for the same text in another document', async () => {
    const embedding = lateChunkingFakeEmbedding();
    const cached = withCache(embedding);
    await cached.encodeDocumentGroups!([['shared chunk', 'context a']]);
    const [vectors] = await cached.encodeDocumentGroups!([['shared chunk', 'context b']]);
    expect(vectors![0]).toEqual(expected([['shared chunk', 'context b']])[0]![0]);
  });

  it('treats independent documents of a late-chunking function one input per call', async () => {
    const embedding = lateChunkingFakeEmbedding();
    const vectors = await withCache(embedding).encodeDocuments(['one', 'two', 'three']);
    expect(embedding.calls.map((call) => call.inputs)).toEqual([['one'], ['two'], ['three']]);
    expect(vectors).toEqual(expected([['one'], ['two'], ['three']]).flat());
  });

  it('caches independent chunks one by one when chunks carry no context', async () => {
    const embedding = fakeEmbedding({ maxInputsPerCall: 8 });
    const cached = withCache(embedding);
    await cached.encodeDocumentGroups!([['a', 'b']]);
    const groups = await cached.encodeDocumentGroups!([['b', 'c'], ['a']]);
    expect(groups).toEqual([[vectorFor('b', 4), vectorFor('c', 4)], [vectorFor('a', 4)]]);
    expect(embedding.calls.map((call) => call.inputs)).toEqual([['a', 'b'], ['c']]);
  });

  it('refuses an aborted call even when every late-chunked document is cached', async () => {
    const cached = withCache(lateChunkingFakeEmbedding());
    await cached.encodeDocumentGroups!([documents[0]!]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      cached.encodeDocumentGroups!([documents[0]!], { signal: controller.signal }),
    ).rejects.toThrow(AbortError);
  });

  it('reports late-chunked progress over every chunk of the call, cached documents included', async () => {
    const cached = withCache(lateChunkingFakeEmbedding());
    await cached.encodeDocumentGroups!([documents[0]!]);
    const partial: [number, number][] = [];
    await cached.encodeDocumentGroups!(documents, {
      onProgress: (progress) => partial.push([progress.done, progress.total]),
    });
    expect(partial.every(([, total]) => total === 6)).toBe(true);
    expect(partial.at(-1)).toEqual([6, 6]);
    const allHits: [number, number][] = [];
    await cached.encodeDocumentGroups!(documents, {
      onProgress: (progress) => allHits.push([progress.done, progress.total]),
    });
    expect(allHits).toEqual([[6, 6]]);
  });

  it('keeps only whole documents from a failed call and reports them as completed', async () => {
    let failing = true;
    const embedding = lateChunkingFakeEmbedding({
      fail: (call) => failing && call.inputs[0] === 'gamma one',
    });
    const cached = withCache(embedding);
    const error = await cached.encodeDocumentGroups!(documents).catch((caught: unknown) => caught);
    expect(EmbedkitError.isInstance(error)).toBe(true);
    // Documents 0 and 1 (chunks 0..3) completed; document 2 did not.
    expect((error as EmbedkitError).completed?.indices).toEqual([0, 1, 2, 3]);
    failing = false;
    const before = embedding.calls.length;
    expect(await cached.encodeDocumentGroups!(documents)).toEqual(expected(documents));
    expect(embedding.calls.slice(before).map((call) => call.inputs)).toEqual([documents[2]]);
  });
});

describe('grouped encoding through withFailover', () => {
  it('moves what the primary could not finish to the next function, document by document', async () => {
    const primary = lateChunkingFakeEmbedding({
      fail: (call) => call.inputs[0] === 'beta one',
    });
    const secondary = lateChunkingFakeEmbedding();
    const failover = withFailover([primary, secondary]);
    expect(failover.chunkContext).toBe('document');
    expect(await failover.encodeDocumentGroups!(documents)).toEqual(expected(documents));
    // The primary finished document 0 before it failed on document 1; the rest moved on whole.
    expect(secondary.calls.map((call) => call.inputs)).toEqual([documents[1], documents[2]]);
    for (const call of [...primary.calls, ...secondary.calls]) {
      expect(documents).toContainEqual(call.inputs);
    }
  });

  it('reports progress over every chunk of the call while documents move down the chain', async () => {
    const primary = lateChunkingFakeEmbedding({
      fail: (call) => call.inputs[0] === 'beta one',
    });
    const failover = withFailover([primary, lateChunkingFakeEmbedding()]);
    const seen: [number, number][] = [];
    await failover.encodeDocumentGroups!(documents, {
      onProgress: (progress) => seen.push([progress.done, progress.total]),
    });
    expect(seen.every(([, total]) => total === 6)).toBe(true);
    const done = seen.map(([value]) => value);
    expect(done).toEqual([...done].sort((left, right) => left - right));
    expect(seen.at(-1)).toEqual([6, 6]);
  });

  it('refuses to chain a late-chunking function with a plain one', () => {
    const plain = fakeEmbedding();
    const late = lateChunkingFakeEmbedding();
    expect(late.space.lateChunking).toBe(true);
    expect(plain.space.lateChunking).toBeUndefined();
    expect(() => withFailover([late, plain])).toThrow(EmbeddingSpaceMismatchError);
  });

  it('refuses late-chunking functions that cannot encode whole documents', () => {
    const late = lateChunkingFakeEmbedding();
    const { encodeDocumentGroups: _, ...withoutGroups } = late;
    expect(() =>
      withFailover([late, { ...withoutGroups, space: late.space, dim: late.dim }]),
    ).toThrow(InvalidConfigError);
  });

  it('has no encodeDocumentGroups when a plain function in the chain lacks it', async () => {
    const plain = fakeEmbedding({ behave: (call) => answer(call.inputs, 4) });
    const { encodeDocumentGroups: _, ...withoutGroups } = plain;
    const failover = withFailover([plain, { ...withoutGroups, space: plain.space, dim: 4 }]);
    expect(failover.encodeDocumentGroups).toBeUndefined();
  });
});

describe('a shared cache and late chunking', () => {
  it('never hands a plain function the vectors of a late-chunking one', async () => {
    const late = lateChunkingFakeEmbedding();
    const plain = fakeEmbedding();
    const { MemoryCacheStore } = await import('./cache-store.js');
    const store = new MemoryCacheStore();
    await withCache(late, { store }).encodeDocuments(['same text']);
    const [vector] = await withCache(plain, { store }).encodeDocuments(['same text']);
    expect(vector).toEqual(vectorFor('same text', 4));
    expect(plain.calls).toHaveLength(1);
  });
});
