import { z } from 'zod';

/** ONNX weight variants a model repository may publish, by the file name transformers.js uses. */
export const localDtypes = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4'] as const;

/** Settings of the local ONNX embedding function, and the registry's config schema (JSON only). */
export const localSettings = z
  .object({
    /** A known id (`all-MiniLM-L6-v2`, `bge-small-en-v1.5`, …) or any Hugging Face repository id. */
    model: z.string().min(1).default('all-MiniLM-L6-v2'),
    /**
     * A local model directory (tokenizer.json, config.json, onnx/*.onnx); nothing is downloaded.
     * A relative path is resolved against the working directory when the model loads and kept
     * as written in `toConfig()`. Prefer `EMBEDKIT_MODELS_DIR` to keep machine paths out of
     * configs and stored metadata.
     */
    modelPath: z.string().min(1).optional(),
    /** Where downloaded models are kept; `EMBEDKIT_CACHE_DIR` or `~/.cache/embedkit/models`. */
    cacheDir: z.string().min(1).optional(),
    /** Model hub to download from on first use. */
    hubUrl: z.url().default('https://huggingface.co'),
    /** Repository revision (branch, tag or commit) to download. */
    revision: z.string().min(1).default('main'),
    /** Sentence pooling; defaults to the model's own (known table, then `1_Pooling/config.json`). */
    pooling: z.enum(['mean', 'cls']).optional(),
    /** Scale vectors to unit length, so dot product equals cosine similarity. */
    normalize: z.boolean().default(true),
    /** Prepended to queries; defaults to the known model's prefix. `""` turns it off. */
    queryPrefix: z.string().optional(),
    /** Prepended to documents; defaults to the known model's prefix. `""` turns it off. */
    documentPrefix: z.string().optional(),
    /** Weight variant; defaults to fp32, or for `modelPath` the first file found. */
    dtype: z.enum(localDtypes).optional(),
    /** ONNX Runtime intra-op threads; defaults to the machine's available parallelism. */
    threads: z.number().int().min(1).max(256).optional(),
    /** Vector length for unknown models when known in advance; otherwise read from config.json. */
    dim: z.number().int().min(1).optional(),
    /** Matryoshka truncation: keep the first N values (then renormalise when `normalize`). */
    dimensions: z.number().int().min(1).optional(),
    /** Tokens one input may have before truncation; defaults to the model's maximum. */
    maxTokens: z.number().int().min(2).optional(),
    /** Inputs per ONNX Runtime run; inputs of similar length share a run and its padding. */
    batchSize: z.number().int().min(1).max(1024).default(32),
    /** Inputs per embedding call handed to the batch runner (sorted by length inside it). */
    maxInputsPerCall: z.number().int().min(1).max(100_000).default(256),
  })
  .strict();

export type LocalSettings = z.input<typeof localSettings>;
export type ParsedLocalSettings = z.output<typeof localSettings>;
