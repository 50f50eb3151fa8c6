import { describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../errors/response-format-error.js';
import { encodeBase64Floats } from './base64-floats.js';
import { decodeFloatVectors } from './decode-float-vectors.js';

const options = { provider: 'test', describe: (position: number) => `item ${position + 10}` };
const first = new Float32Array([0.5, -1.25, 3.4028234663852886e38, 0]);
const second = new Float32Array([1e-45, -0, 7.25, -3.5]);

describe('decodeFloatVectors', () => {
  it('decodes base64 vectors into views of one buffer, each at its own byte offset', () => {
    const vectors = decodeFloatVectors(
      [encodeBase64Floats(first), encodeBase64Floats(second)],
      options,
    );
    expect(vectors.map((vector) => Array.from(vector))).toEqual([
      Array.from(first),
      Array.from(second),
    ]);
    expect(vectors[1]!.buffer).toBe(vectors[0]!.buffer);
    expect(vectors[0]!.buffer.byteLength).toBe(32);
    expect([vectors[0]!.byteOffset, vectors[1]!.byteOffset]).toEqual([0, 16]);
    expect(Object.is(vectors[1]![1], -0)).toBe(true);
  });

  it('decodes number lists to the same values as base64, and mixes both in one response', () => {
    const fromNumbers = decodeFloatVectors([Array.from(first), Array.from(second)], options);
    const mixed = decodeFloatVectors([Array.from(first), encodeBase64Floats(second)], options);
    expect(fromNumbers.map((vector) => Array.from(vector))).toEqual(
      mixed.map((vector) => Array.from(vector)),
    );
    expect(Array.from(mixed[1]!)).toEqual(Array.from(second));
    expect(fromNumbers[1]!.buffer).toBe(fromNumbers[0]!.buffer);
  });

  it('keeps vectors of differing lengths apart, so the caller can report the odd one', () => {
    const vectors = decodeFloatVectors(
      [[1, 2, 3], encodeBase64Floats(new Float32Array([4, 5])), [6]],
      options,
    );
    expect(vectors.map((vector) => Array.from(vector))).toEqual([[1, 2, 3], [4, 5], [6]]);
    expect(vectors.map((vector) => vector.byteOffset)).toEqual([0, 12, 20]);
  });

  it('lets one vector be copied out of the shared buffer with slice()', () => {
    const [, kept] = decodeFloatVectors(
      [
        [1, 2],
        [3, 4],
      ],
      options,
    );
    const copy = kept!.slice();
    expect(copy.buffer.byteLength).toBe(8);
    expect(Array.from(copy)).toEqual([3, 4]);
  });

  it('returns nothing for an empty response, and an empty view for an empty vector', () => {
    expect(decodeFloatVectors([], options)).toEqual([]);
    const [empty, after] = decodeFloatVectors(['', [1]], options);
    expect(empty!.length).toBe(0);
    expect(Array.from(after!)).toEqual([1]);
  });

  it('refuses base64 that is not a whole number of float32 values, naming the vector', () => {
    const cut = Buffer.alloc(6).toString('base64');
    const call = () => decodeFloatVectors([encodeBase64Floats(first), cut], options);
    expect(call).toThrow(ResponseFormatError);
    expect(call).toThrow(
      'test sent a base64 vector for item 11 that does not decode to float32 values (8 characters, 6 bytes, not a multiple of 4); it may have been cut off.',
    );
  });

  it('refuses base64 that decodes to fewer bytes than its length implies', () => {
    const call = () =>
      decodeFloatVectors(['AACAPwAAAEA!!!!!'], { ...options, base64Advice: 'ask for floats.' });
    expect(call).toThrow(
      'test sent a base64 vector for item 10 that decodes to 8 bytes, not the 12 its 16 characters imply (it holds characters outside base64); ask for floats.',
    );
  });

  it('refuses a list holding a non-number, naming the vector and the position in it', () => {
    expect(() =>
      decodeFloatVectors(
        [
          [1, 2],
          [3, '4', 5],
        ],
        options,
      ),
    ).toThrow(
      'test sent a float vector for item 11 that holds a string at position 1, not a number; the response was refused.',
    );
    expect(() => decodeFloatVectors([[null]], { provider: 'test' })).toThrow(
      'for vector 0 that holds null at position 0',
    );
  });

  it('refuses an entry that is neither a string nor a list', () => {
    const entries = [{ values: [1] }] as unknown as string[];
    expect(() => decodeFloatVectors(entries, options)).toThrow(
      'test sent a vector for item 10 that is an object, neither a base64 string nor a list of numbers',
    );
  });
});
