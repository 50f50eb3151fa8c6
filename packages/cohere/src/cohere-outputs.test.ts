import { InvalidInputError } from '@embedkit/core';
import { packSignBits } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { catchError, cohereAt, useCohereSimulator } from './cohere.test-helpers.js';

const simulator = useCohereSimulator();
beforeEach(() => simulator.current.resetStats());
const bodies = () => simulator.current.embedBodies();

/** A 1 × 1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const pngUri = `data:image/png;base64,${png.toString('base64')}`;

describe('cohere quantised outputs (encodeQuantized)', () => {
  it('int8 and uint8: dim values each, as typed arrays, with the purpose’s input_type', async () => {
    const embedding = cohereAt(simulator.current, { dimensions: 256 });
    const [signed] = await embedding.encodeQuantized(['red fox'], { type: 'int8' });
    const [unsigned] = await embedding.encodeQuantized(['red fox'], {
      type: 'uint8',
      purpose: 'query',
    });
    expect(signed).toBeInstanceOf(Int8Array);
    expect(unsigned).toBeInstanceOf(Uint8Array);
    expect(signed).toHaveLength(256);
    expect(bodies().map((body) => [body.embedding_types, body.input_type])).toEqual([
      [['int8'], 'search_document'],
      [['uint8'], 'search_query'],
    ]);
  });

  it('binary and ubinary: sign bits packed eight per byte', async () => {
    const embedding = cohereAt(simulator.current, { dimensions: 256 });
    const [packed] = await embedding.encodeQuantized(['red fox'], { type: 'ubinary' });
    const [signed] = await embedding.encodeQuantized(['red fox'], { type: 'binary' });
    const expected = packSignBits(
      simulator.current.expectedVector('red fox', 'embed-v4.0', 'search_document', 256),
    );
    expect(packed).toBeInstanceOf(Uint8Array);
    expect(Array.from(packed!)).toEqual(Array.from(expected));
    expect(signed).toBeInstanceOf(Int8Array);
    expect(Array.from(signed!)).toEqual(Array.from(expected, (byte) => byte - 128));
  });

  it('batches quantised calls like float ones (at most 96 inputs a request)', async () => {
    const inputs = Array.from({ length: 200 }, (_, index) => `text ${index}`);
    const vectors = await cohereAt(simulator.current, {
      model: 'embed-english-light-v3.0',
    }).encodeQuantized(inputs, {
      type: 'int8',
    });
    expect(vectors).toHaveLength(200);
    expect(vectors[199]).toHaveLength(384);
    expect(bodies().map((body) => (body.texts as string[]).length)).toEqual([96, 96, 8]);
  });
});

describe('cohere images (embed-v4.0)', () => {
  it('sends images and texts through `inputs` and returns one vector each, in order', async () => {
    const embedding = cohereAt(simulator.current, { dimensions: 256 });
    const vectors = await embedding.encodeDocuments([
      'a caption',
      { image: png },
      { image: pngUri },
    ]);
    expect(vectors).toHaveLength(3);
    const [body] = bodies();
    expect(body).not.toHaveProperty('texts');
    expect(body!.inputs).toEqual([
      { content: [{ type: 'text', text: 'a caption' }] },
      { content: [{ type: 'image_url', image_url: { url: pngUri } }] },
      { content: [{ type: 'image_url', image_url: { url: pngUri } }] },
    ]);
    const expected = simulator.current.expectedImageVector(
      pngUri,
      'embed-v4.0',
      'search_document',
      256,
    );
    expect(Array.from(vectors[1]!)).toEqual(Array.from(expected));
    expect(Array.from(vectors[2]!)).toEqual(Array.from(expected));
  });

  it('refuses images for text-only models and malformed images, naming the input, before any call', async () => {
    const v3 = await catchError(
      cohereAt(simulator.current, { model: 'embed-english-v3.0' }).encodeDocuments([
        'x',
        { image: png },
      ]),
    );
    expect(InvalidInputError.isInstance(v3)).toBe(true);
    expect((v3 as InvalidInputError).index).toBe(1);
    expect((v3 as Error).message).toContain('use embed-v4.0 for images');
    const bad = await catchError(
      cohereAt(simulator.current).encodeDocuments([{ image: 'https://example.com/a.png' }]),
    );
    expect((bad as Error).message).toContain('not a base64 data URI');
    expect(simulator.current.stats.requests).toBe(0);
  });
});
