import { z } from 'zod';
import { cohereConnectionFields } from './cohere-connection-settings.js';

/** The `input_type` values for text: the retrieval pair plus classification and clustering. */
export const cohereInputTypes = [
  'search_document',
  'search_query',
  'classification',
  'clustering',
] as const;

/** An `input_type` for text inputs. */
export type CohereInputType = (typeof cohereInputTypes)[number];

/**
 * Settings of `createCohere`, and the registry's config schema: JSON only, no secret. Unknown keys
 * are refused so a typo such as `dimension` fails loudly. Settings are also checked against the
 * model (an `output_dimension` it does not take) before any call.
 */
export const cohereSettings = z
  .object({
    ...cohereConnectionFields,
    /** Model id. Any string is allowed; unknown models get only the fields you configure. */
    model: z.string().min(1).default('embed-v4.0'),
    /**
     * `input_type` for `embed()`; `encodeDocuments` sends `search_document` and `encodeQueries`
     * `search_query` whatever this says. Default `search_document` (as pymilvus).
     */
    inputType: z.enum(cohereInputTypes).optional(),
    /** Matryoshka `output_dimension`: 256, 512, 1024 or 1536 on embed-v4.0. */
    dimensions: z.number().int().positive().optional(),
    /** Wire format of float vectors: `base64` (default, compact) or `float` (JSON numbers). */
    embeddingType: z.enum(['base64', 'float']).optional(),
    /**
     * How the API treats an input over the model's context: `END` (the API's default) or `START`
     * cut that end off; `NONE` refuses it, and embedkit then names the input.
     */
    truncate: z.enum(['NONE', 'START', 'END']).optional(),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/** What `createCohere` accepts. */
export type CohereSettings = z.input<typeof cohereSettings>;
/** Settings after defaults. */
export type ResolvedCohereSettings = z.output<typeof cohereSettings>;
