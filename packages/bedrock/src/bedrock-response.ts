import { type IndexedVector, ResponseFormatError } from '@embedkit/core';
import { z } from 'zod';
import type { BedrockModelInfo } from './bedrock-models.js';

const numbers = z.array(z.number());

/** Titan's answer: `embedding` (floats) and, for v2, `embeddingsByType`. */
const titanResponse = z.object({
  embedding: numbers.optional(),
  inputTextTokenCount: z.number().optional(),
  embeddingsByType: z.record(z.string(), numbers).optional(),
});

/** Cohere's answer: a float list per text, or lists per requested type. */
const cohereResponse = z.object({
  embeddings: z.union([z.array(numbers), z.record(z.string(), z.array(numbers))]),
});

/** What a response body schema for the model is (validated by core's request path). */
export function bedrockResponseSchema(info: BedrockModelInfo): z.ZodType {
  return info.family.startsWith('titan') ? titanResponse : cohereResponse;
}

/**
 * The vectors of one response as `Float32Array`s, decoded from the requested type: floats and
 * int8/uint8 as they are, Titan `binary` (0/1 per dimension) as is, Cohere `binary`/`ubinary`
 * (packed sign bits, most significant first) unpacked to 0/1 per dimension, so every type has the
 * model's dimension.
 */
export function readBedrockVectors(
  info: BedrockModelInfo,
  data: unknown,
  embeddingType: string,
  dim: number,
): { embeddings: IndexedVector[]; tokens?: number } {
  if (info.family.startsWith('titan')) {
    const titan = data as z.infer<typeof titanResponse>;
    const list =
      embeddingType === 'float'
        ? (titan.embeddingsByType?.float ?? titan.embedding)
        : titan.embeddingsByType?.[embeddingType];
    if (list === undefined) throw missing(embeddingType);
    return {
      embeddings: [{ index: 0, vector: Float32Array.from(list) }],
      tokens: titan.inputTextTokenCount,
    };
  }
  const { embeddings } = data as z.infer<typeof cohereResponse>;
  const lists = Array.isArray(embeddings) ? embeddings : embeddings[embeddingType];
  if (lists === undefined) throw missing(embeddingType);
  const packed = embeddingType === 'binary' || embeddingType === 'ubinary';
  return {
    embeddings: lists.map((list, index) => ({
      index,
      vector: packed ? unpackBits(list, dim) : Float32Array.from(list),
    })),
  };
}

/** 0/1 per dimension from bytes of packed sign bits (signed or unsigned), first bit first. */
export function unpackBits(bytes: readonly number[], dim: number): Float32Array {
  const vector = new Float32Array(Math.min(dim, bytes.length * 8));
  for (let slot = 0; slot < vector.length; slot++) {
    const byte = bytes[slot >> 3]! & 0xff;
    vector[slot] = (byte >> (7 - (slot & 7))) & 1;
  }
  return vector;
}

function missing(embeddingType: string): ResponseFormatError {
  return new ResponseFormatError({
    provider: 'bedrock',
    message: `Bedrock's answer has no ${embeddingType} embeddings although they were asked for.`,
  });
}
