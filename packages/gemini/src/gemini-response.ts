import {
  decodeFloatVectors,
  encodedFloatVector,
  type IndexedVector,
  normalize,
} from '@embedkit/core';
import { z } from 'zod';

/** The part of a `batchEmbedContents` answer that is used: one `values` list per request. */
export const geminiBatchResponse = z.object({
  embeddings: z.array(z.object({ values: encodedFloatVector })),
});

export type GeminiBatchResponse = z.infer<typeof geminiBatchResponse>;

/**
 * The vectors, decoded into one `Float32Array` buffer for the whole answer, numbered by position
 * (the API answers in request order and has no index field; core checks the count and lengths).
 * With `normalize`, each is scaled to unit length (the API normalises only the full size).
 */
export function readGeminiVectors(
  response: GeminiBatchResponse,
  model: string,
  normalizeVectors: boolean,
): IndexedVector[] {
  const vectors = decodeFloatVectors(
    response.embeddings.map((embedding) => embedding.values),
    { provider: 'gemini', describe: (position) => `request ${position} of ${model}` },
  );
  return vectors.map((vector, index) => ({
    index,
    vector: normalizeVectors ? normalize(vector) : vector,
  }));
}
