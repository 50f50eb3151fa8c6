import { z } from 'zod';

/** Settings of the hashing embedding function. */
export const hashingSettings = z
  .object({
    /** Model id; only `hashing-v1` exists. Kept so configs look like every other provider's. */
    model: z.literal('hashing-v1').default('hashing-v1'),
    /** Vector length. More dimensions mean fewer hash collisions. */
    dimensions: z.number().int().min(8).max(8192).default(384),
    /** Character n-gram length used besides whole words; 0 disables them. */
    charNgram: z.number().int().min(0).max(8).default(3),
    /** Whether adjacent word pairs are features too (helps phrase matches). */
    wordBigrams: z.boolean().default(true),
  })
  .strict();

export type HashingSettings = z.input<typeof hashingSettings>;
