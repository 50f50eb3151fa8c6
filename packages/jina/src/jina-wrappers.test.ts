import { type EmbeddingFunction, MemoryVectorStore, withCache, withFailover } from '@embedkit/core';
import { describeEmbeddingFunctionContract, simulatedVectors } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { jinaAt, useJinaSimulator } from './simulator.test-helpers.js';

const lateChunked = { lateChunking: true, dimensions: 64 } as const;
const asArrays = (vectors: readonly Float32Array[]) => vectors.map((vector) => Array.from(vector));
const expectedFor = (chunks: string[]) =>
  asArrays(
    simulatedVectors(chunks, { dimensions: 64, task: 'retrieval.passage', lateChunking: true }),
  );

describe('Jina late chunking through withCache and withFailover', () => {
  const simulator = useJinaSimulator({ shuffle: true, latency: { fixedMs: 2 } });
  beforeEach(() => simulator.current.resetStats());
  const inputsSent = () =>
    simulator.current.embeddingBodies().map((body) => {
      expect((body as { late_chunking?: boolean }).late_chunking).toBe(true);
      return (body as { input: string[] }).input;
    });
  const wrappers: [string, () => EmbeddingFunction][] = [
    ['withCache', () => withCache(jinaAt(simulator.current, lateChunked))],
    [
      'withFailover',
      () =>
        withFailover([
          jinaAt(simulator.current, lateChunked),
          jinaAt(simulator.current, lateChunked),
        ]),
    ],
  ];

  for (const [name, wrapped] of wrappers) {
    it(`a store ingest through ${name} sends exactly one document per request`, async () => {
      const store = new MemoryVectorStore({ embedding: wrapped() });
      const texts = ['Berlin is a city.', 'The Rhine is a river.', 'Rome is old.'];
      await store.addDocuments(texts.map((text) => ({ text })));
      expect(inputsSent().sort()).toEqual(texts.map((text) => [text]).sort());

      simulator.current.resetStats();
      const documents = [
        ['Milvus is a vector database.', 'It is built for similarity search.'],
        ['The red fox hunts mice.', 'It lives in the forest.', 'It is red.'],
      ];
      await store.addDocumentGroups(documents.map((chunks) => chunks.map((text) => ({ text }))));
      expect(inputsSent().sort()).toEqual([...documents].sort());
      const [hit] = await store.searchByVector(Float32Array.from(expectedFor(documents[1]!)[2]!), {
        topK: 1,
      });
      expect(hit?.text).toBe('It is red.');
    });
  }

  it('withCache keeps a late-chunked document whole: a longer version is embedded whole again', async () => {
    const cached = withCache(jinaAt(simulator.current, lateChunked));
    const short = ['First chunk.', 'Second chunk.'];
    const long = [...short, 'Third chunk.'];
    await cached.encodeDocumentGroups!([short]);
    const [vectors] = await cached.encodeDocumentGroups!([long]);
    expect(asArrays(vectors!)).toEqual(expectedFor(long));
    expect(inputsSent()).toEqual([short, long]);
  });

  it('refuses a failover chain of a late-chunking and a plain Jina function', () => {
    expect(() =>
      withFailover([
        jinaAt(simulator.current, lateChunked),
        jinaAt(simulator.current, { dimensions: 64 }),
      ]),
    ).toThrow(/lateChunking/);
  });
});

describe('the embedding contract through the wrappers', () => {
  const simulator = useJinaSimulator();
  describeEmbeddingFunctionContract('withCache(jina, late chunking)', () => ({
    embedding: withCache(jinaAt(simulator.current, lateChunked)),
  }));
  describeEmbeddingFunctionContract('withFailover([jina, jina])', () => ({
    embedding: withFailover([
      jinaAt(simulator.current, { dimensions: 64 }),
      jinaAt(simulator.current, { dimensions: 64 }),
    ]),
  }));
});
