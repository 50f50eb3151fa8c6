import {
  decodeFloatVectors,
  type EncodedFloatVector,
  encodedFloatVector,
  type IndexedVector,
  ResponseFormatError,
} from '@embedkit/core';
import { z } from 'zod';

/** The parts of an embeddings answer embedkit uses; anything else may change freely. */
export const voyageEmbeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int(), embedding: encodedFloatVector })),
  usage: z.object({ total_tokens: z.number().optional() }).optional(),
});

export type VoyageEmbeddingResponse = z.infer<typeof voyageEmbeddingResponse>;

/** Float vectors (base64 little-endian float32 or JSON numbers), decoded into one buffer. */
export function readVoyageFloats(
  response: VoyageEmbeddingResponse,
  model: string,
): IndexedVector[] {
  const { data } = response;
  const vectors = decodeFloatVectors(
    data.map((item) => item.embedding),
    { provider: 'voyage', describe: (position) => `index ${data[position]!.index} of ${model}` },
  );
  return data.map((item, position) => ({ index: item.index, vector: vectors[position]! }));
}

/**
 * Quantised vectors as typed arrays: base64 bytes are used as they are (numpy `int8` for `int8`
 * and `binary`, `uint8` for `uint8` and `ubinary`), JSON integers are checked and copied.
 */
export function readVoyageQuantized(
  response: VoyageEmbeddingResponse,
  dtype: 'int8' | 'uint8' | 'binary' | 'ubinary',
): { index: number; vector: Int8Array | Uint8Array }[] {
  const signed = dtype === 'int8' || dtype === 'binary';
  return response.data.map((item) => ({
    index: item.index,
    vector: toBytes(item.embedding, signed, item.index, dtype),
  }));
}

function toBytes(
  encoded: EncodedFloatVector,
  signed: boolean,
  index: number,
  dtype: string,
): Int8Array | Uint8Array {
  if (typeof encoded === 'string') {
    const bytes = Buffer.from(encoded, 'base64');
    return signed
      ? new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const [low, high] = signed ? [-128, 127] : [0, 255];
  const vector = signed ? new Int8Array(encoded.length) : new Uint8Array(encoded.length);
  for (let position = 0; position < encoded.length; position++) {
    const value = encoded[position];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
      throw new ResponseFormatError({
        provider: 'voyage',
        message: `voyage sent ${dtype} vector ${index} holding ${JSON.stringify(value)} at position ${position}, not an integer from ${low} to ${high}; the response was refused.`,
      });
    }
    vector[position] = value;
  }
  return vector;
}
