import {
  decodeFloatVectors,
  encodedFloatVector,
  type IndexedVector,
  ResponseFormatError,
} from '@embedkit/core';
import { z } from 'zod';
import type { CohereOutputType } from './cohere-request-body.js';

const integerLists = z.array(z.array(z.number().int()));

/** The parts of a `/v2/embed` answer embedkit uses; anything else may change freely. */
export const cohereEmbedResponse = z.object({
  id: z.string().optional(),
  embeddings: z.object({
    float: z.array(encodedFloatVector).optional(),
    base64: z.array(z.string()).optional(),
    int8: integerLists.optional(),
    uint8: integerLists.optional(),
    binary: integerLists.optional(),
    ubinary: integerLists.optional(),
  }),
  meta: z
    .object({
      billed_units: z
        .object({ input_tokens: z.number().optional(), image_tokens: z.number().optional() })
        .optional(),
    })
    .optional(),
});

export type CohereEmbedResponse = z.infer<typeof cohereEmbedResponse>;

/** The list of one embedding type, or a `ResponseFormatError` when the answer lacks it. */
function listOf<Type extends CohereOutputType>(
  response: CohereEmbedResponse,
  type: Type,
  model: string,
): NonNullable<CohereEmbedResponse['embeddings'][Type]> {
  const list = response.embeddings[type];
  if (list === undefined) {
    throw new ResponseFormatError({
      provider: 'cohere',
      message: `cohere answered ${model} without "embeddings.${type}", which the request asked for; the response was refused.`,
    });
  }
  return list as NonNullable<CohereEmbedResponse['embeddings'][Type]>;
}

/**
 * Float vectors (base64 little-endian float32 or JSON numbers) decoded into one buffer for the
 * whole response. Cohere's lists carry no index: position `n` is input `n` of the request.
 */
export function readCohereFloats(
  response: CohereEmbedResponse,
  type: 'base64' | 'float',
  model: string,
): IndexedVector[] {
  const vectors = decodeFloatVectors(listOf(response, type, model), {
    provider: 'cohere',
    describe: (position) => `input ${position} of ${model}`,
  });
  return vectors.map((vector, index) => ({ index, vector }));
}

/** Quantised vectors as typed arrays: `int8` and `binary` → `Int8Array`, the others `Uint8Array`. */
export function readCohereQuantized(
  response: CohereEmbedResponse,
  type: 'int8' | 'uint8' | 'binary' | 'ubinary',
  model: string,
): (Int8Array | Uint8Array)[] {
  const signed = type === 'int8' || type === 'binary';
  return listOf(response, type, model).map((values) =>
    signed ? Int8Array.from(values) : Uint8Array.from(values),
  );
}

/** Billed tokens (text plus image tokens) when the answer says. */
export function readCohereTokens(response: CohereEmbedResponse): number | undefined {
  const billed = response.meta?.billed_units;
  if (billed?.input_tokens === undefined && billed?.image_tokens === undefined) return undefined;
  return (billed.input_tokens ?? 0) + (billed.image_tokens ?? 0);
}
