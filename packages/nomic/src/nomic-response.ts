import { decodeFloatVectors, encodedFloatVector, type IndexedVector } from '@embedkit/core';
import { z } from 'zod';

/** The parts of an answer that are used: one float list per text, in order, and usage. */
export const nomicTextResponse = z.object({
  embeddings: z.array(encodedFloatVector),
  usage: z
    .object({ total_tokens: z.number().optional(), prompt_tokens: z.number().optional() })
    .optional(),
});

export type NomicTextResponse = z.infer<typeof nomicTextResponse>;

/** The vectors decoded into one buffer for the whole answer, numbered by position. */
export function readNomicVectors(response: NomicTextResponse, model: string): IndexedVector[] {
  return decodeFloatVectors(response.embeddings, {
    provider: 'nomic',
    describe: (position) => `text ${position} of ${model}`,
  }).map((vector, index) => ({ index, vector }));
}
