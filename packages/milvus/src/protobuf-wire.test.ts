import { describe, expect, it } from 'vitest';
import { ProtobufWriter, readProtobufFields } from './protobuf-wire.js';

describe('ProtobufWriter and readProtobufFields', () => {
  it('writes varints as the protobuf spec does (300 is ac 02)', () => {
    const bytes = new ProtobufWriter().varintField(1, 300).finish();
    expect([...bytes]).toEqual([0x08, 0xac, 0x02]);
  });

  it('round-trips strings, raw bytes, nested messages and large varints', () => {
    const floats = new Float32Array([1.5, -2, 0.25]);
    const bytes = new ProtobufWriter()
      .stringField(3, 'héllo')
      .messageField(5, (message) => message.varintField(1, 2 ** 40).bytesField(2, floats))
      .varintField(7, 0)
      .finish();
    const fields = readProtobufFields(bytes);
    expect(fields.map((field) => field.field)).toEqual([3, 5, 7]);
    expect((fields[0]!.value as Buffer).toString('utf8')).toBe('héllo');
    const nested = readProtobufFields(fields[1]!.value as Buffer);
    expect(nested[0]!.value).toBe(2 ** 40);
    const packed = nested[1]!.value as Buffer;
    expect([
      ...new Float32Array(packed.buffer.slice(packed.byteOffset, packed.byteOffset + 12)),
    ]).toEqual([1.5, -2, 0.25]);
    expect(fields[2]!.value).toBe(0);
  });

  it('skips fixed-width fields and refuses truncated input', () => {
    const fixed = Buffer.from([0x0d, 1, 2, 3, 4, 0x10, 0x05]);
    expect(readProtobufFields(fixed)).toEqual([{ field: 2, value: 5 }]);
    expect(() => readProtobufFields(Buffer.from([0x12, 0x05, 0x61]))).toThrow(/truncated/);
    expect(() => readProtobufFields(Buffer.from([0x08, 0x80]))).toThrow(/truncated/);
  });
});
