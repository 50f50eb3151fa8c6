import { decodeFloatVectors, encodedFloatVector, type IndexedVector } from '@embedkit/core';
import { z } from 'zod';

/**
 * The part of an embeddings response that is used. `embedding` is a base64 string or a float
 * list whatever was asked for, because some compatible servers ignore `encoding_format`; `usage`
 * is optional because not every server reports it.
 */
export const openaiEmbeddingResponse = z.object({
  data: z.array(
    z.object({
      index: z.number().int(),
      embedding: encodedFloatVector,
    }),
  ),
  usage: z
    .object({
      prompt_tokens: z.number().optional(),
      total_tokens: z.number().optional(),
    })
    .optional(),
});

export type OpenAIEmbeddingResponse = z.infer<typeof openaiEmbeddingResponse>;

/**
 * The response's vectors as `Float32Array` views of one buffer for the whole response (see
 * `decodeFloatVectors`), base64 written straight from its bytes.
 */
export function readEmbeddings(
  response: OpenAIEmbeddingResponse,
  provider: string,
): IndexedVector[] {
  const { data } = response;
  const vectors = decodeFloatVectors(
    data.map((item) => item.embedding),
    {
      provider,
      describe: (position) => `index ${data[position]!.index}`,
      base64Advice: 'set encodingFormat to "float" if this server does not support base64.',
    },
  );
  return data.map((item, position) => ({ index: item.index, vector: vectors[position]! }));
}

/** Billed tokens, when the server reports them. */
export function readTokens(response: OpenAIEmbeddingResponse): number | undefined {
  return response.usage?.total_tokens ?? response.usage?.prompt_tokens;
}
