/**
 * The simulated service's model table, written from Jina's published API (OpenAPI spec and API
 * summary) independently of `@embedkit/jina`, so the simulator is an oracle the provider can be
 * wrong against. `fields` are the request fields the model defines besides `model` and `input`;
 * anything else is refused with 422 `extra_forbidden`.
 */
export interface SimulatedJinaModel {
  readonly defaultDimensions: number;
  /** Allowed `dimensions` values: a range, or an explicit list (colbert). */
  readonly dimensions?: { readonly min: number; readonly max: number } | readonly number[];
  readonly tasks?: readonly string[];
  readonly fields: readonly string[];
  readonly maxTokens: number;
  /**
   * Inputs one request may carry for this model, when the service caps it below the general
   * limit: more is a 400 "Each input list can contain at most N items" (observed for v4, quoted in
   * https://github.com/langgenius/dify-official-plugins/issues/1997). Absent: only the general
   * `maxInputsPerRequest` applies (Jina publishes no per-model number for the others).
   */
  readonly maxInputs?: number;
  /** Input kinds besides plain text. */
  readonly inputKinds: readonly ('text' | 'image' | 'pdf')[];
  /** The model answers with many vectors per input (colbert). */
  readonly multivectorOnly?: boolean;
}

const v2Fields = ['normalized', 'embedding_type', 'truncate'] as const;
const v2: SimulatedJinaModel = {
  defaultDimensions: 768,
  fields: v2Fields,
  maxTokens: 8192,
  inputKinds: ['text'],
};

export const simulatedJinaModels: Readonly<Record<string, SimulatedJinaModel>> = {
  'jina-embeddings-v2-base-en': v2,
  'jina-embeddings-v2-base-zh': v2,
  'jina-embeddings-v2-base-de': v2,
  'jina-embeddings-v2-base-es': v2,
  'jina-embeddings-v2-base-code': v2,
  'jina-embeddings-v3': {
    defaultDimensions: 1024,
    dimensions: { min: 1, max: 1024 },
    tasks: [
      'retrieval.query',
      'retrieval.passage',
      'text-matching',
      'classification',
      'separation',
    ],
    fields: ['task', 'dimensions', 'late_chunking', 'normalized', 'embedding_type', 'truncate'],
    maxTokens: 8192,
    inputKinds: ['text'],
  },
  'jina-embeddings-v4': {
    defaultDimensions: 2048,
    dimensions: { min: 1, max: 2048 },
    tasks: ['retrieval.query', 'retrieval.passage', 'text-matching', 'code.query', 'code.passage'],
    fields: [
      'task',
      'dimensions',
      'late_chunking',
      'return_multivector',
      'embedding_type',
      'truncate',
    ],
    maxTokens: 32_768,
    maxInputs: 512,
    inputKinds: ['text', 'image', 'pdf'],
  },
  'jina-clip-v1': {
    defaultDimensions: 768,
    fields: v2Fields,
    maxTokens: 8192,
    inputKinds: ['text', 'image'],
  },
  'jina-clip-v2': {
    defaultDimensions: 1024,
    dimensions: { min: 1, max: 1024 },
    tasks: ['retrieval.query'],
    fields: ['task', 'dimensions', 'normalized', 'embedding_type', 'truncate'],
    maxTokens: 8192,
    inputKinds: ['text', 'image'],
  },
  'jina-embeddings-v5-text-small': {
    defaultDimensions: 1024,
    dimensions: { min: 1, max: 1024 },
    tasks: [
      'retrieval.query',
      'retrieval.passage',
      'text-matching',
      'clustering',
      'classification',
    ],
    fields: ['task', 'dimensions'],
    maxTokens: 32_768,
    inputKinds: ['text'],
  },
  'jina-embeddings-v5-text-nano': {
    defaultDimensions: 768,
    dimensions: { min: 1, max: 768 },
    tasks: [
      'retrieval.query',
      'retrieval.passage',
      'text-matching',
      'clustering',
      'classification',
    ],
    fields: ['task', 'dimensions'],
    // Jina's v5 release post gives both v5 models a 32,768-token context.
    maxTokens: 32_768,
    inputKinds: ['text'],
  },
  'jina-colbert-v2': {
    defaultDimensions: 128,
    dimensions: [64, 96, 128],
    fields: ['input_type', 'dimensions', 'embedding_type'],
    maxTokens: 8192,
    inputKinds: ['text'],
    multivectorOnly: true,
  },
};

/** Rerank models the simulator knows. */
export const simulatedJinaRerankers: readonly string[] = [
  'jina-reranker-v1-base-en',
  'jina-reranker-v1-turbo-en',
  'jina-reranker-v1-tiny-en',
  'jina-reranker-v2-base-multilingual',
  'jina-reranker-v3',
  'jina-reranker-m0',
  'jina-colbert-v2',
];
