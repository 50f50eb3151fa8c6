import { InvalidInputError } from '@embedkit/core';
import { simulatedVectors } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { jinaAt, useJinaSimulator } from './simulator.test-helpers.js';

const asArrays = (vectors: Float32Array[]) => vectors.map((vector) => Array.from(vector));

/** What a correct client gets for one document: its chunks pooled over exactly that document. */
const expectedFor = (chunks: string[], task = 'retrieval.passage') =>
  asArrays(simulatedVectors(chunks, { dimensions: 64, task, lateChunking: true }));

describe('jina late chunking', () => {
  const simulator = useJinaSimulator({ shuffle: true, latency: { fixedMs: 5 } });
  beforeEach(() => simulator.current.resetStats());

  it('sends one document’s chunks in exactly one request, with late_chunking', async () => {
    const embedding = jinaAt(simulator.current, { lateChunking: true, dimensions: 64 });
    const chunks = [
      'Berlin is the capital of Germany.',
      'It has 3.8 million people.',
      'The city is green.',
    ];
    const [vectors] = await embedding.encodeDocumentGroups([chunks]);
    expect(asArrays(vectors!)).toEqual(expectedFor(chunks));
    expect(simulator.current.stats.requests).toBe(1);
    expect(simulator.current.embeddingBodies()[0]).toMatchObject({
      late_chunking: true,
      task: 'retrieval.passage',
    });
  });

  it('never splits or merges documents, runs them concurrently and keeps their order', async () => {
    const embedding = jinaAt(simulator.current, {
      lateChunking: true,
      dimensions: 64,
      concurrency: 4,
    });
    const documents = Array.from({ length: 12 }, (_, document) =>
      Array.from(
        { length: 1 + (document % 4) },
        (_, chunk) => `document ${document} chunk ${chunk} text`,
      ),
    );
    const groups = await embedding.encodeDocumentGroups(documents);
    expect(groups.map(asArrays)).toEqual(documents.map((chunks) => expectedFor(chunks)));
    expect(simulator.current.stats.requests).toBe(12);
    const sentGroups = simulator.current
      .embeddingBodies()
      .map((body) => (body.input as string[]).join('|'));
    expect(sentGroups.sort()).toEqual(documents.map((chunks) => chunks.join('|')).sort());
    expect(simulator.current.stats.maxInFlight).toBeGreaterThan(1);
  });

  it('treats encodeDocuments inputs as independent documents: one request each', async () => {
    const embedding = jinaAt(simulator.current, { lateChunking: true, dimensions: 64 });
    expect(embedding.chunkContext).toBe('document');
    expect(embedding.space).toMatchObject({ lateChunking: true });
    expect(jinaAt(simulator.current, { dimensions: 64 }).chunkContext).toBe('none');
    const documents = ['Berlin is the capital.', 'Paris is in France.', 'Rome has ruins.'];
    const vectors = await embedding.encodeDocuments(documents);
    expect(asArrays(vectors)).toEqual(documents.flatMap((text) => expectedFor([text])));
    const bodies = simulator.current.embeddingBodies();
    expect(bodies.map((body) => (body.input as string[]).length)).toEqual([1, 1, 1]);
    expect(bodies.every((body) => body.late_chunking === true)).toBe(true);
    simulator.current.resetStats();
    await embedding.embed(documents);
    expect(simulator.current.stats.requests).toBe(3);
  });

  it('sends queries without late chunking, batched as usual', async () => {
    const embedding = jinaAt(simulator.current, { lateChunking: true, dimensions: 64 });
    const queries = ['where is Berlin?', 'how many people?'];
    const vectors = await embedding.encodeQueries(queries);
    expect(asArrays(vectors)).toEqual(
      asArrays(simulatedVectors(queries, { dimensions: 64, task: 'retrieval.query' })),
    );
    expect(simulator.current.embeddingBodies()[0]).not.toHaveProperty('late_chunking');
  });

  it('refuses a document over the model context before any call, naming it', async () => {
    const embedding = jinaAt(simulator.current, { lateChunking: true, dimensions: 64 });
    const long = Array.from({ length: 4 }, () => 'word '.repeat(2500));
    const error = await embedding
      .encodeDocumentGroups([['short document'], long])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect((error as Error).message).toContain('Document 1');
    expect((error as Error).message).toContain('truncate');
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('names the document when the server refuses it as too long', async () => {
    const embedding = jinaAt(simulator.current, { lateChunking: true, dimensions: 64 });
    const dense = Array.from({ length: 3 }, () => 'a b c d e f g h '.repeat(400));
    const error = await embedding
      .encodeDocumentGroups([['fine'], [], dense])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(2);
    expect((error as Error).message).toMatch(/Document 2 .*too long/);
  });

  it('lets the API truncate a long document when truncate is set', async () => {
    const embedding = jinaAt(simulator.current, {
      lateChunking: true,
      dimensions: 64,
      truncate: true,
    });
    const long = Array.from({ length: 4 }, (_, index) => `part ${index} ${'word '.repeat(2500)}`);
    const [vectors] = await embedding.encodeDocumentGroups([long]);
    expect(vectors).toHaveLength(4);
    expect(simulator.current.embeddingBodies()[0]).toMatchObject({
      late_chunking: true,
      truncate: true,
    });
  });

  it('gives an empty document an empty list without a request', async () => {
    const embedding = jinaAt(simulator.current, { lateChunking: true, dimensions: 64 });
    const groups = await embedding.encodeDocumentGroups([['only chunk'], []]);
    expect(groups.map((group) => group.length)).toEqual([1, 0]);
    expect(simulator.current.stats.requests).toBe(1);
  });

  it('without lateChunking, document groups are batched like any inputs', async () => {
    const embedding = jinaAt(simulator.current, { dimensions: 64 });
    const groups = await embedding.encodeDocumentGroups([['a b', 'c d'], ['e f']]);
    expect(groups.map((group) => group.length)).toEqual([2, 1]);
    expect(simulator.current.stats.requests).toBe(1);
  });
});
