import { describe, expect, it } from 'vitest';
import { decodeBase64Floats, encodeBase64Floats } from './base64-floats.js';

describe('base64 floats', () => {
  it('round-trips a vector through little-endian float32 bytes', () => {
    const vector = new Float32Array([0.5, -1.25, 3.4028234663852886e38, 0]);
    const encoded = encodeBase64Floats(vector);
    expect(Buffer.from(encoded, 'base64').readFloatLE(4)).toBe(-1.25);
    expect(Array.from(decodeBase64Floats(encoded))).toEqual(Array.from(vector));
  });

  it('reads what a provider sends (the bytes of [1, 2] as float32 little-endian)', () => {
    expect(Array.from(decodeBase64Floats('AACAPwAAAEA='))).toEqual([1, 2]);
  });

  it('refuses a payload that is not a whole number of floats', () => {
    expect(() => decodeBase64Floats(Buffer.alloc(5).toString('base64'))).toThrow(RangeError);
  });
});
