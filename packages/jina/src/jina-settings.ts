import { z } from 'zod';
import { jinaConnectionFields } from './jina-connection-settings.js';

/**
 * Settings of `createJina`, and the registry's config schema: JSON only, no secret (the key and a
 * dispatcher go in the second argument). Every field is optional; unknown keys are refused so a
 * typo such as `dimension` fails loudly instead of being ignored. Settings are also checked
 * against the model (a task it does not take, a dimension out of its range) before any call.
 */
export const jinaSettings = z
  .object({
    ...jinaConnectionFields,
    /** Model id. Any string is allowed; unknown models get only the fields you configure. */
    model: z.string().min(1).default('jina-embeddings-v3'),
    /** Task for `embed()`; `encodeDocuments` / `encodeQueries` use the model's retrieval pair. */
    task: z.string().min(1).optional(),
    /** Matryoshka output length, within the model's range. */
    dimensions: z.number().int().positive().optional(),
    /**
     * Late chunking: `encodeDocumentGroups(documents)` sends each document (a list of chunks) in
     * one request with `late_chunking`, so each chunk's vector sees its whole document (pymilvus:
     * `late_chunking=True` with `encode_documents(chunks)`). `encodeDocuments` / `embed` still
     * treat every input as its own document. Recorded in the embedding space.
     */
    lateChunking: z.boolean().default(false),
    /** L2-normalise vectors (sent explicitly: the API's default changed over time). Default true. */
    normalized: z.boolean().optional(),
    /** Wire format of float vectors: `base64` (default, compact) or `float` (JSON numbers). */
    embeddingType: z.enum(['base64', 'float']).optional(),
    /** Let the API cut over-long inputs instead of refusing them. Default false. */
    truncate: z.boolean().optional(),
    /** Requests in flight at once. Default 5, the free tier's concurrency limit. */
    concurrency: z.number().int().min(1).max(1000).optional(),
    /**
     * Inputs per request, below the model's own cap (2,048 for v3): for a Jina-compatible
     * endpoint (`baseURL`) that accepts fewer, so no request is refused and split first.
     */
    maxInputsPerCall: z.number().int().min(1).max(2048).optional(),
  })
  .strict();

/** What `createJina` accepts. */
export type JinaSettings = z.input<typeof jinaSettings>;
/** Settings after defaults. */
export type ResolvedJinaSettings = z.output<typeof jinaSettings>;
