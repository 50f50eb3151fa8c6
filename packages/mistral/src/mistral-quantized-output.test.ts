import { NotSupportedError } from '@embedkit/core';
import { packSignBits } from '@embedkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { mistralAt, sentBodies, useMistralSimulator } from './simulator.test-helpers.js';

describe('mistral encodeQuantized: output_dtype decoded into typed arrays', () => {
  const simulator = useMistralSimulator();
  beforeEach(() => simulator.current.resetStats());
  const text = 'def add(a, b): return a + b';

  it('int8 and uint8: dim integers as Int8Array / Uint8Array, matching the float vector', async () => {
    const codestral = mistralAt(simulator.current, { model: 'codestral-embed', dimensions: 64 });
    const [int8] = await codestral.encodeQuantized([text], { type: 'int8' });
    const [uint8] = await codestral.encodeQuantized([text], { type: 'uint8' });
    expect(int8).toBeInstanceOf(Int8Array);
    expect(uint8).toBeInstanceOf(Uint8Array);
    expect(int8).toHaveLength(64);
    const float = simulator.current.expectedVector(text, 'codestral-embed', 64);
    expect(Array.from(int8!)).toEqual(Array.from(float, (value) => Math.round(value * 127)));
    expect(
      sentBodies(simulator.current).map((body) => [body.output_dtype, body.encoding_format]),
    ).toEqual([
      ['int8', undefined],
      ['uint8', undefined],
    ]);
  });

  it('binary and ubinary: ceil(dim / 8) packed bytes, offset binary for the signed form', async () => {
    const codestral = mistralAt(simulator.current, { model: 'codestral-embed', dimensions: 10 });
    const [binary] = await codestral.encodeQuantized([text], { type: 'binary' });
    const [ubinary] = await codestral.encodeQuantized([text], { type: 'ubinary' });
    expect(binary).toBeInstanceOf(Int8Array);
    expect(ubinary).toHaveLength(2);
    const packed = packSignBits(simulator.current.expectedVector(text, 'codestral-embed', 10));
    expect(Array.from(ubinary!)).toEqual(Array.from(packed));
    expect(Array.from(binary!)).toEqual(Array.from(packed, (byte) => byte - 128));
  });

  it('is batched like float output and refused for mistral-embed before any call', async () => {
    const codestral = mistralAt(simulator.current, { model: 'codestral-embed', dimensions: 32 });
    const vectors = await codestral.encodeQuantized(
      Array.from({ length: 1100 }, (_, index) => `snippet ${index}`),
      { type: 'uint8' },
    );
    expect(vectors).toHaveLength(1100);
    expect(simulator.current.calls.map((call) => call.inputs)).toEqual([512, 512, 76]);
    simulator.current.resetStats();
    const error = await mistralAt(simulator.current)
      .encodeQuantized(['x'], { type: 'int8' })
      .catch((caught: unknown) => caught);
    expect(NotSupportedError.isInstance(error)).toBe(true);
    expect(simulator.current.stats.requests).toBe(0);
  });
});
