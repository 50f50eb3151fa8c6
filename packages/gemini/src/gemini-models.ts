/** Every `TaskType` the API takes (besides `TASK_TYPE_UNSPECIFIED`, which embedkit never sends). */
export const geminiTaskTypes = [
  'RETRIEVAL_DOCUMENT',
  'RETRIEVAL_QUERY',
  'SEMANTIC_SIMILARITY',
  'CLASSIFICATION',
  'CLUSTERING',
  'CODE_RETRIEVAL_QUERY',
  'QUESTION_ANSWERING',
  'FACT_VERIFICATION',
] as const;

/** A Gemini task type. */
export type GeminiTaskType = (typeof geminiTaskTypes)[number];

/**
 * Task types that embed the query side of a retrieval pair whose documents are
 * `RETRIEVAL_DOCUMENT`: plain search, code search, question answering, fact checking.
 */
export const geminiQueryTaskTypes = [
  'RETRIEVAL_QUERY',
  'CODE_RETRIEVAL_QUERY',
  'QUESTION_ANSWERING',
  'FACT_VERIFICATION',
] as const;

/** A task type `encodeQueries` may use. */
export type GeminiQueryTaskType = (typeof geminiQueryTaskTypes)[number];

/** What embedkit knows about one Gemini embedding model without calling it (see API.md). */
export interface GeminiModelSpec {
  /** Full vector length; the only size the API returns normalised. */
  readonly dim: number;
  /** Allowed `outputDimensionality`, inclusive (Matryoshka truncation). */
  readonly dimensions: { readonly min: number; readonly max: number };
  /** Task types the model takes. */
  readonly taskTypes: readonly GeminiTaskType[];
  /** Tokens one input (title included) may have. */
  readonly maxTokensPerInput: number;
}

/** The documented models (API.md has the sources and what is unconfirmed). */
export const geminiModels = {
  'gemini-embedding-001': {
    dim: 3072,
    dimensions: { min: 128, max: 3072 },
    taskTypes: geminiTaskTypes,
    maxTokensPerInput: 2048,
  },
  'text-embedding-004': {
    dim: 768,
    dimensions: { min: 1, max: 768 },
    taskTypes: geminiTaskTypes.filter((task) => task !== 'CODE_RETRIEVAL_QUERY'),
    maxTokensPerInput: 2048,
  },
} satisfies Record<string, GeminiModelSpec>;

/** A known model id, or any string: Google adds models faster than packages ship. */
export type GeminiModelId = keyof typeof geminiModels | (string & {});

/** The spec of a known model (a `models/` prefix is ignored), `undefined` otherwise. */
export function geminiModelSpec(model: string): GeminiModelSpec | undefined {
  const id = geminiModelId(model);
  return Object.hasOwn(geminiModels, id)
    ? geminiModels[id as keyof typeof geminiModels]
    : undefined;
}

/** The model id without Google's `models/` resource prefix. */
export function geminiModelId(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/**
 * What one `batchEmbedContents` call accepts: 100 requests (the API's refusal beyond it), and a
 * planning budget of 100 × 2048 tokens (Google publishes no per-call token limit).
 */
export const geminiServiceLimits = {
  maxInputsPerCall: 100,
  maxTokensPerCall: 204_800,
  maxTokensPerInput: 2048,
} as const;
