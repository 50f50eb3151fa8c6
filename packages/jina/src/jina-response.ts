import {
  decodeFloatVectors,
  type EncodedFloatVector,
  encodedFloatVector,
  type IndexedVector,
  ResponseFormatError,
} from '@embedkit/core';
import { z } from 'zod';

/** The parts of an embeddings response embedkit uses; anything else may change freely. */
export const jinaEmbeddingResponse = z.object({
  usage: z.object({ total_tokens: z.number().optional() }).optional(),
  data: z.array(
    z.object({
      index: z.number().int(),
      embedding: encodedFloatVector.optional(),
      embeddings: z.array(encodedFloatVector).optional(),
    }),
  ),
});

export type JinaEmbeddingResponse = z.infer<typeof jinaEmbeddingResponse>;

/**
 * The one float vector of every data item, decoded (JSON numbers or base64 little-endian float32)
 * into one buffer for the whole response, each vector a view of it.
 */
export function decodeResponseVectors(
  response: JinaEmbeddingResponse,
  model: string,
): IndexedVector[] {
  const { data } = response;
  const vectors = decodeFloatVectors(
    data.map((item) => singleVector(item, model)),
    { provider: 'jina', describe: (position) => `item ${data[position]!.index} of ${model}` },
  );
  return data.map((item, position) => ({ index: item.index, vector: vectors[position]! }));
}

/** The token vectors of one multi-vector item, decoded into one buffer for the item. */
export function decodeTokenVectors(
  encoded: readonly EncodedFloatVector[],
  itemIndex: number,
  model: string,
): Float32Array[] {
  return decodeFloatVectors(encoded, {
    provider: 'jina',
    describe: (position) => `token ${position} of item ${itemIndex} of ${model}`,
  });
}

/** Decodes packed sign bits (`binary` → int8, `ubinary` → uint8), sent as JSON numbers or base64. */
export function decodePackedVector(
  encoded: EncodedFloatVector,
  type: 'binary' | 'ubinary',
  itemIndex: number,
): Int8Array | Uint8Array {
  const bytes = typeof encoded === 'string' ? Buffer.from(encoded, 'base64') : encoded;
  const packed = type === 'binary' ? new Int8Array(bytes.length) : new Uint8Array(bytes.length);
  for (let position = 0; position < bytes.length; position++) {
    const value = bytes[position];
    if (typeof value !== 'number') {
      throw new ResponseFormatError({
        provider: 'jina',
        message: `jina sent packed ${type} bits for item ${itemIndex} holding ${value === null ? 'null' : `a ${typeof value}`} at position ${position}, not a number; the response was refused.`,
      });
    }
    packed[position] = value;
  }
  return packed;
}

/** The one vector of a data item, or a `ResponseFormatError` when the item holds none. */
export function singleVector(
  item: JinaEmbeddingResponse['data'][number],
  model: string,
): EncodedFloatVector {
  if (item.embedding === undefined) {
    throw new ResponseFormatError({
      provider: 'jina',
      message: `jina answered item ${item.index} for ${model} without an "embedding"${item.embeddings ? ' (it sent multi-vector "embeddings"; use encodeMultivector)' : ''}.`,
    });
  }
  return item.embedding;
}
