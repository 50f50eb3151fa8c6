import { decodeBase64Floats, type IndexedVector, ResponseFormatError } from '@embedkit/core';
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
      embedding: z.union([z.string(), z.array(z.number())]),
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

/** The response's vectors as `Float32Array`s, base64 decoded straight from bytes. */
export function readEmbeddings(
  response: OpenAIEmbeddingResponse,
  provider: string,
): IndexedVector[] {
  return response.data.map(({ index, embedding }) => {
    if (typeof embedding !== 'string') return { index, vector: Float32Array.from(embedding) };
    try {
      return { index, vector: decodeBase64Floats(embedding) };
    } catch (error) {
      throw new ResponseFormatError({
        provider,
        message: `${provider} returned a base64 embedding at index ${index} that is not whole float32 values (${embedding.length} characters); set encodingFormat to "float" if this server does not support base64.`,
        cause: error,
      });
    }
  });
}

/** Billed tokens, when the server reports them. */
export function readTokens(response: OpenAIEmbeddingResponse): number | undefined {
  return response.usage?.total_tokens ?? response.usage?.prompt_tokens;
}
