import { NotSupportedError } from '@embedkit/core';
import { packSignBits } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { catchError, useVoyageSimulator, voyageAt } from './voyage.test-helpers.js';

const simulator = useVoyageSimulator();
beforeEach(() => simulator.current.resetStats());
const bodies = () => simulator.current.embeddingBodies();

describe('voyage quantised outputs (encodeQuantized)', () => {
  it('int8 and uint8: dim values each, decoded from base64 bytes straight into typed arrays', async () => {
    const embedding = voyageAt(simulator.current, { dimensions: 512 });
    const [signed] = await embedding.encodeQuantized(['red fox'], { type: 'int8' });
    const [unsigned] = await embedding.encodeQuantized(['red fox'], {
      type: 'uint8',
      purpose: 'query',
    });
    expect(signed).toBeInstanceOf(Int8Array);
    expect(unsigned).toBeInstanceOf(Uint8Array);
    expect([signed!.length, unsigned!.length]).toEqual([512, 512]);
    expect(
      bodies().map((body) => [body.output_dtype, body.encoding_format, body.input_type]),
    ).toEqual([
      ['int8', 'base64', 'document'],
      ['uint8', 'base64', 'query'],
    ]);
  });

  it('binary and ubinary pack sign bits eight per byte; JSON integers decode to the same arrays', async () => {
    const expected = packSignBits(
      simulator.current.expectedVector('red fox', 'voyage-3.5', 'document', 256),
    );
    const [packed] = await voyageAt(simulator.current, { dimensions: 256 }).encodeQuantized(
      ['red fox'],
      {
        type: 'ubinary',
      },
    );
    const [fromJson] = await voyageAt(simulator.current, {
      dimensions: 256,
      encodingFormat: 'float',
    }).encodeQuantized(['red fox'], { type: 'ubinary' });
    const [offset] = await voyageAt(simulator.current, { dimensions: 256 }).encodeQuantized(
      ['red fox'],
      {
        type: 'binary',
      },
    );
    expect(Array.from(packed!)).toEqual(Array.from(expected));
    expect(Array.from(fromJson!)).toEqual(Array.from(expected));
    expect(offset).toBeInstanceOf(Int8Array);
    expect(Array.from(offset!)).toEqual(Array.from(expected, (byte) => byte - 128));
    expect(bodies()[1]).not.toHaveProperty('encoding_format');
  });

  it('refuses quantised types on float-only models before any call', async () => {
    const error = await catchError(
      voyageAt(simulator.current, { model: 'voyage-law-2' }).encodeQuantized(['a'], {
        type: 'int8',
      }),
    );
    expect(NotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('voyage-law-2 returns only float vectors');
    expect(simulator.current.stats.requests).toBe(0);
  });

  it('batches quantised calls like float ones (at most 1,000 inputs a request)', async () => {
    const inputs = Array.from({ length: 2100 }, (_, index) => `text ${index}`);
    const vectors = await voyageAt(simulator.current, { dimensions: 256 }).encodeQuantized(inputs, {
      type: 'int8',
    });
    expect(vectors).toHaveLength(2100);
    expect(bodies().map((body) => (body.input as string[]).length)).toEqual([1000, 1000, 100]);
  });
});
