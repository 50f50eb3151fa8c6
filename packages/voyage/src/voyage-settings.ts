import { z } from 'zod';
import { voyageConnectionFields } from './voyage-connection-settings.js';

/**
 * Settings of `createVoyage`, and the registry's config schema: JSON only, no secret. Unknown keys
 * are refused so a typo such as `dimension` fails loudly. Settings are also checked against the
 * model (an `output_dimension` it does not take) before any call.
 */
export const voyageSettings = z
  .object({
    ...voyageConnectionFields,
    /** Model id. Any string is allowed; unknown models get only the fields you configure. */
    model: z.string().min(1).default('voyage-3.5'),
    /**
     * `input_type` for `embed()`: `document`, `query`, or `null` (the default: no prompt is
     * prepended). `encodeDocuments` sends `document` and `encodeQueries` `query` whatever this says.
     */
    inputType: z.enum(['document', 'query']).nullable().optional(),
    /** Matryoshka `output_dimension`: 256, 512, 1024 or 2048 on the models that offer it. */
    dimensions: z.number().int().positive().optional(),
    /** Wire format of vectors: `base64` (default, compact) or `float` (JSON numbers). */
    encodingFormat: z.enum(['base64', 'float']).optional(),
    /**
     * `truncation`: whether the API cuts inputs over the model's context (`true`, the API's
     * default) or refuses them (`false`; embedkit then names the input). Sent only when set.
     */
    truncation: z.boolean().optional(),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/** What `createVoyage` accepts. */
export type VoyageSettings = z.input<typeof voyageSettings>;
/** Settings after defaults. */
export type ResolvedVoyageSettings = z.output<typeof voyageSettings>;
