import { z } from 'zod';
import { bm25Parameters } from './bm25-parameters.js';

/**
 * Settings of `createBm25`, as a config holds them. pymilvus' `BM25EmbeddingFunction(analyzer,
 * corpus, k1, b, epsilon)` maps onto them one to one (see the README); a fitted model comes from
 * `fit()`, from `parameters` (pymilvus' JSON inline) or from `path` (a file pymilvus or
 * `save()` wrote).
 */
export const bm25Settings = z
  .object({
    /**
     * What `toConfig()` records (`bm25-en`, or `bm25-en-custom` with changed stop words or
     * stemming); when given, it must match the analyzer these settings build, so a config whose
     * analyzer settings were edited cannot pass for the vector space it was fitted in.
     */
    model: z.string().optional(),
    /** Term-frequency saturation. Default 1.5, as pymilvus. */
    k1: z.number().nonnegative().optional(),
    /** Document-length normalisation, 0 (none) to 1 (full). Default 0.75, as pymilvus. */
    b: z.number().min(0).max(1).optional(),
    /** IDF floor for terms in more than half the documents, as a share of the mean IDF. Default 0.25. */
    epsilon: z.number().optional(),
    /** The analyzer: `en`, pymilvus' default English analyzer, is the only built-in one. */
    language: z.literal('en').default('en'),
    /** Replaces the English stop-word list (words compared after lowercasing). */
    stopWords: z.array(z.string()).optional(),
    /** Stop words added to the list, like pymilvus' `StopwordFilter(stopword_list=…)`. */
    extraStopWords: z.array(z.string()).optional(),
    /** Snowball English stemming. Default true, as pymilvus' English analyzer. */
    stem: z.boolean().optional(),
    /** A fitted model in pymilvus' JSON format; its k1, b and epsilon win, as in pymilvus' `load`. */
    parameters: bm25Parameters.optional(),
    /** A file holding a fitted model in pymilvus' JSON format (read once, at creation). */
    path: z.string().min(1).optional(),
  })
  .strict()
  .refine((settings) => settings.parameters === undefined || settings.path === undefined, {
    message: 'give parameters or path, not both',
    path: ['path'],
  });

export type Bm25Settings = z.input<typeof bm25Settings>;
