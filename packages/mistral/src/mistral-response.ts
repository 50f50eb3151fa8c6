import {
  decodeFloatVectors,
  encodedFloatVector,
  type IndexedVector,
  ResponseFormatError,
} from '@embedkit/core';
import { z } from 'zod';

/** The parts of an embeddings answer that are used. */
export const mistralEmbeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int(), embedding: encodedFloatVector })),
  usage: z
    .object({ total_tokens: z.number().optional(), prompt_tokens: z.number().optional() })
    .optional(),
});

export type MistralEmbeddingResponse = z.infer<typeof mistralEmbeddingResponse>;

/** Float vectors (JSON numbers or base64 float32) decoded into one buffer for the whole answer. */
export function readMistralVectors(
  response: MistralEmbeddingResponse,
  model: string,
): IndexedVector[] {
  const { data } = response;
  const vectors = decodeFloatVectors(
    data.map((item) => item.embedding),
    {
      provider: 'mistral',
      describe: (position) => `index ${data[position]!.index} of ${model}`,
      base64Advice: 'set encodingFormat to "float" if this server does not support base64.',
    },
  );
  return data.map((item, position) => ({ index: item.index, vector: vectors[position]! }));
}

/** Billed tokens. */
export function readMistralTokens(response: MistralEmbeddingResponse): number | undefined {
  return response.usage?.total_tokens ?? response.usage?.prompt_tokens;
}

/**
 * One integer vector (`int8` / `binary` → `Int8Array`, `uint8` / `ubinary` → `Uint8Array`),
 * each value checked to be an integer in the type's range.
 */
export function decodeIntegerVector(
  encoded: unknown,
  type: 'int8' | 'uint8' | 'binary' | 'ubinary',
  index: number,
): Int8Array | Uint8Array {
  const signed = type === 'int8' || type === 'binary';
  if (!Array.isArray(encoded)) {
    throw new ResponseFormatError({
      provider: 'mistral',
      message: `mistral sent ${type} output for index ${index} that is not a list of integers; the response was refused.`,
    });
  }
  const vector = signed ? new Int8Array(encoded.length) : new Uint8Array(encoded.length);
  const [low, high] = signed ? [-128, 127] : [0, 255];
  for (let position = 0; position < encoded.length; position++) {
    const value: unknown = encoded[position];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
      throw new ResponseFormatError({
        provider: 'mistral',
        message: `mistral sent ${type} output for index ${index} holding ${JSON.stringify(value)} at position ${position}, not an integer from ${low} to ${high}; the response was refused.`,
      });
    }
    vector[position] = value;
  }
  return vector;
}
