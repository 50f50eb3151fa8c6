/**
 * Decodes base64 little-endian float32 bytes (Jina and OpenAI `base64` encoding) straight into a
 * `Float32Array`, without parsing a float per value. Copies only when the decoded bytes are not
 * 4-byte aligned or the platform is big-endian.
 */
export function decodeBase64Floats(encoded: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength % 4 !== 0) {
    throw new RangeError(
      `base64 payload of ${bytes.byteLength} bytes is not a whole number of float32 values`,
    );
  }
  if (littleEndian && bytes.byteOffset % 4 === 0) {
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.byteLength / 4);
  for (let index = 0; index < vector.length; index++)
    vector[index] = view.getFloat32(index * 4, true);
  return vector;
}

/** Encodes a vector as base64 little-endian float32 bytes. */
export function encodeBase64Floats(vector: Float32Array): string {
  if (littleEndian)
    return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
  const bytes = Buffer.alloc(vector.length * 4);
  for (let index = 0; index < vector.length; index++) bytes.writeFloatLE(vector[index]!, index * 4);
  return bytes.toString('base64');
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
