import { InvalidInputError, NotSupportedError } from '@embedkit/core';
import { packSignBits, simulatedVectors } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { jinaAt, useJinaSimulator } from './simulator.test-helpers.js';

describe('jina multimodal, multi-vector and packed output', () => {
  const simulator = useJinaSimulator();
  beforeEach(() => simulator.current.resetStats());

  it('sends images as URLs or base64 bytes to v4 and clip models', async () => {
    const embedding = jinaAt(simulator.current, { model: 'jina-clip-v2', dimensions: 64 });
    const vectors = await embedding.encodeDocuments([
      { text: 'a photo of a cat' },
      { image: 'https://example.com/cat.jpg' },
      { image: new Uint8Array([1, 2, 3]) },
    ]);
    expect(vectors.map((vector) => vector.length)).toEqual([64, 64, 64]);
    expect(simulator.current.embeddingBodies()[0]!.input).toEqual([
      { text: 'a photo of a cat' },
      { image: 'https://example.com/cat.jpg' },
      { image: 'AQID' },
    ]);
  });

  it('refuses an image for a text-only model before any call', async () => {
    const error = await jinaAt(simulator.current)
      .encodeDocuments(['text', { image: 'https://example.com/x.png' }])
      .catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).index).toBe(1);
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('returns v4 multi-vectors with return_multivector and no dimensions', async () => {
    const embedding = jinaAt(simulator.current, { model: 'jina-embeddings-v4', dimensions: 256 });
    const [matrix] = await embedding.encodeMultivector(['four little words here'], {
      purpose: 'query',
    });
    expect(matrix!.map((vector) => vector.length)).toEqual([128, 128, 128, 128]);
    const body = simulator.current.embeddingBodies()[0]!;
    expect(body).toMatchObject({ return_multivector: true, task: 'retrieval.query' });
    expect(body).not.toHaveProperty('dimensions');
  });

  it('refuses multi-vector output for single-vector models and colbert for encodeDocuments', async () => {
    const single = await jinaAt(simulator.current)
      .encodeMultivector(['x'])
      .catch((caught: unknown) => caught);
    expect(NotSupportedError.isInstance(single)).toBe(true);
    const colbert = await jinaAt(simulator.current, { model: 'jina-colbert-v2' })
      .encodeDocuments(['x'])
      .catch((caught: unknown) => caught);
    expect(NotSupportedError.isInstance(colbert)).toBe(true);
    expect((colbert as Error).message).toContain('encodeMultivector');
  });

  it('returns packed binary and ubinary vectors equal to the float vector’s sign bits', async () => {
    const embedding = jinaAt(simulator.current, { dimensions: 64 });
    const [unsigned] = await embedding.encodePacked(['packed bits'], { type: 'ubinary' });
    const [signed] = await embedding.encodePacked(['packed bits'], { type: 'binary' });
    const [float] = simulatedVectors(['packed bits'], {
      dimensions: 64,
      task: 'retrieval.passage',
    });
    expect(unsigned).toBeInstanceOf(Uint8Array);
    expect(signed).toBeInstanceOf(Int8Array);
    expect(Array.from(unsigned!)).toEqual(Array.from(packSignBits(float!)));
    expect(Array.from(new Uint8Array(signed!.buffer))).toEqual(Array.from(unsigned!));
    expect(simulator.current.embeddingBodies().map((body) => body.embedding_type)).toEqual([
      'ubinary',
      'binary',
    ]);
  });
});
