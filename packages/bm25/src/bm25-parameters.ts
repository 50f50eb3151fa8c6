import { z } from 'zod';

/**
 * A fitted BM25 model in pymilvus' JSON format (`BM25EmbeddingFunction.save`): the file either
 * side writes, the other loads. `idf_word[i]` is the term at sparse index `i`, `idf_value[i]` its
 * IDF (the epsilon floor already applied).
 */
export const bm25Parameters = z
  .object({
    version: z.literal('v1').default('v1'),
    corpus_size: z.number().int().nonnegative(),
    avgdl: z.number().nonnegative(),
    idf_word: z.array(z.string()),
    idf_value: z.array(z.number()),
    k1: z.number().nonnegative(),
    b: z.number().min(0).max(1),
    epsilon: z.number(),
  })
  .refine((parameters) => parameters.idf_word.length === parameters.idf_value.length, {
    message: 'idf_word and idf_value must have the same length',
  });

export type Bm25Parameters = z.infer<typeof bm25Parameters>;
