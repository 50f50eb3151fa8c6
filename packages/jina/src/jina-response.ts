import { decodeBase64Floats, ResponseFormatError } from '@embedkit/core';
import { z } from 'zod';

const encodedVector = z.union([z.array(z.number()), z.string()]);

/** The parts of an embeddings response embedkit uses; anything else may change freely. */
export const jinaEmbeddingResponse = z.object({
  usage: z.object({ total_tokens: z.number().optional() }).optional(),
  data: z.array(
    z.object({
      index: z.number().int(),
      embedding: encodedVector.optional(),
      embeddings: z.array(encodedVector).optional(),
    }),
  ),
});

export type JinaEmbeddingResponse = z.infer<typeof jinaEmbeddingResponse>;

/** Decodes a float vector sent as JSON numbers or base64 little-endian float32. */
export function decodeFloatVector(encoded: number[] | string, model: string): Float32Array {
  if (Array.isArray(encoded)) return Float32Array.from(encoded);
  try {
    return decodeBase64Floats(encoded);
  } catch (error) {
    throw new ResponseFormatError({
      provider: 'jina',
      message: `jina sent a base64 vector for ${model} that does not decode to float32 values (${encoded.length} characters); it may have been cut off.`,
      cause: error,
    });
  }
}

/** Decodes packed sign bits (`binary` → int8, `ubinary` → uint8), sent as JSON numbers or base64. */
export function decodePackedVector(
  encoded: number[] | string,
  type: 'binary' | 'ubinary',
): Int8Array | Uint8Array {
  const bytes = Array.isArray(encoded) ? encoded : [...Buffer.from(encoded, 'base64')];
  return type === 'binary' ? Int8Array.from(bytes) : Uint8Array.from(bytes);
}

/** The one vector of a data item, or a `ResponseFormatError` when the item holds none. */
export function singleVector(
  item: JinaEmbeddingResponse['data'][number],
  model: string,
): number[] | string {
  if (item.embedding === undefined) {
    throw new ResponseFormatError({
      provider: 'jina',
      message: `jina answered item ${item.index} for ${model} without an "embedding"${item.embeddings ? ' (it sent multi-vector "embeddings"; use encodeMultivector)' : ''}.`,
    });
  }
  return item.embedding;
}
