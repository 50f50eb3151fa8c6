/** Request fields a Jina model may define besides `model` and `input`. */
export type JinaRequestField =
  | 'task'
  | 'dimensions'
  | 'late_chunking'
  | 'normalized'
  | 'embedding_type'
  | 'truncate'
  | 'return_multivector'
  | 'input_type';

/** Kinds of input a model embeds. */
export type JinaInputKind = 'text' | 'image' | 'pdf';

/**
 * What embedkit knows about one Jina embedding model. The request schema is chosen by `model`
 * and the API refuses fields a model does not define (422 `extra_forbidden`), so `fields` is
 * the exact list a request for this model may carry.
 */
export interface JinaModelSpec {
  /** Vector length when `dimensions` is not sent (per token for multi-vector models). */
  readonly dim: number;
  /** Allowed `dimensions`: a range (Matryoshka models) or a list; absent when fixed. */
  readonly dimensions?: { readonly min: number; readonly max: number } | readonly number[];
  /** Values `task` accepts; absent when the model takes no task. */
  readonly tasks?: readonly string[];
  /** Task for `encodeDocuments`; `undefined` sends none (clip-v2, v2, clip-v1). */
  readonly documentTask?: string;
  /** Task for `encodeQueries`. */
  readonly queryTask?: string;
  readonly fields: readonly JinaRequestField[];
  /** Context length in tokens, per input (and per late-chunked document). */
  readonly maxTokensPerInput: number;
  /**
   * Inputs one request may carry (so also chunks per late-chunked document). The API refuses more
   * with 400 ("Each input list can contain at most 512 items" for v4).
   */
  readonly maxInputsPerCall: number;
  /**
   * Where `maxInputsPerCall` comes from: `observed` (the API's own refusal, quoted in a public
   * bug report) or `guess` (no published number; conservative). See the package's API.md.
   */
  readonly maxInputsPerCallSource: 'observed' | 'guess';
  readonly inputKinds: readonly JinaInputKind[];
  /** `only`: many vectors per input and nothing else (colbert); `optional`: on request (v4). */
  readonly multivector?: 'only' | 'optional';
}

/** Inputs per request when a model has no known cap (2,048, reported for v3; see API.md). */
export const jinaDefaultMaxInputsPerCall = 2048;

const v2: JinaModelSpec = {
  dim: 768,
  fields: ['normalized', 'embedding_type', 'truncate'],
  maxTokensPerInput: 8192,
  maxInputsPerCall: jinaDefaultMaxInputsPerCall,
  maxInputsPerCallSource: 'guess',
  inputKinds: ['text'],
};

const v5Tasks = [
  'retrieval.query',
  'retrieval.passage',
  'text-matching',
  'clustering',
  'classification',
];

/**
 * Every Jina embedding model embedkit knows, from Jina's published API (2026). Which values are
 * published and which are guesses is in the package's API.md.
 */
export const jinaModels = {
  'jina-embeddings-v2-base-en': v2,
  'jina-embeddings-v2-base-zh': v2,
  'jina-embeddings-v2-base-de': v2,
  'jina-embeddings-v2-base-es': v2,
  'jina-embeddings-v2-base-code': v2,
  'jina-embeddings-v3': {
    dim: 1024,
    dimensions: { min: 1, max: 1024 },
    tasks: [
      'retrieval.query',
      'retrieval.passage',
      'text-matching',
      'classification',
      'separation',
    ],
    documentTask: 'retrieval.passage',
    queryTask: 'retrieval.query',
    fields: ['task', 'dimensions', 'late_chunking', 'normalized', 'embedding_type', 'truncate'],
    maxTokensPerInput: 8192,
    maxInputsPerCall: 2048,
    maxInputsPerCallSource: 'observed',
    inputKinds: ['text'],
  },
  'jina-embeddings-v4': {
    dim: 2048,
    dimensions: { min: 1, max: 2048 },
    tasks: ['retrieval.query', 'retrieval.passage', 'text-matching', 'code.query', 'code.passage'],
    documentTask: 'retrieval.passage',
    queryTask: 'retrieval.query',
    fields: [
      'task',
      'dimensions',
      'late_chunking',
      'return_multivector',
      'embedding_type',
      'truncate',
    ],
    maxTokensPerInput: 32_768,
    maxInputsPerCall: 512,
    maxInputsPerCallSource: 'observed',
    inputKinds: ['text', 'image', 'pdf'],
    multivector: 'optional',
  },
  'jina-clip-v1': { ...v2, inputKinds: ['text', 'image'] },
  'jina-clip-v2': {
    dim: 1024,
    dimensions: { min: 1, max: 1024 },
    tasks: ['retrieval.query'],
    queryTask: 'retrieval.query',
    fields: ['task', 'dimensions', 'normalized', 'embedding_type', 'truncate'],
    maxTokensPerInput: 8192,
    maxInputsPerCall: jinaDefaultMaxInputsPerCall,
    maxInputsPerCallSource: 'guess',
    inputKinds: ['text', 'image'],
  },
  'jina-embeddings-v5-text-small': {
    dim: 1024,
    dimensions: { min: 1, max: 1024 },
    tasks: v5Tasks,
    documentTask: 'retrieval.passage',
    queryTask: 'retrieval.query',
    fields: ['task', 'dimensions'],
    maxTokensPerInput: 32_768,
    maxInputsPerCall: 512,
    maxInputsPerCallSource: 'guess',
    inputKinds: ['text'],
  },
  'jina-embeddings-v5-text-nano': {
    dim: 768,
    dimensions: { min: 1, max: 768 },
    tasks: v5Tasks,
    documentTask: 'retrieval.passage',
    queryTask: 'retrieval.query',
    fields: ['task', 'dimensions'],
    // Jina's v5 release post: 32,768 for small and nano (the nano model page says 8K; see API.md).
    maxTokensPerInput: 32_768,
    maxInputsPerCall: 512,
    maxInputsPerCallSource: 'guess',
    inputKinds: ['text'],
  },
  'jina-colbert-v2': {
    dim: 128,
    dimensions: [64, 96, 128],
    fields: ['input_type', 'dimensions', 'embedding_type'],
    maxTokensPerInput: 8192,
    maxInputsPerCall: jinaDefaultMaxInputsPerCall,
    maxInputsPerCallSource: 'guess',
    inputKinds: ['text'],
    multivector: 'only',
  },
} satisfies Record<string, JinaModelSpec>;

/** A known model id, or any string: the API adds models faster than packages ship. */
export type JinaModelId = keyof typeof jinaModels | (string & {});

/** The spec of a known model, `undefined` for ids embedkit does not know. */
export function jinaModelSpec(model: string): JinaModelSpec | undefined {
  return Object.hasOwn(jinaModels, model)
    ? jinaModels[model as keyof typeof jinaModels]
    : undefined;
}

/** Whether a model's request may carry `field`; unknown models take only what was configured. */
export function acceptsField(spec: JinaModelSpec | undefined, field: JinaRequestField): boolean {
  return spec === undefined || spec.fields.includes(field);
}

/** Describes a model's allowed `dimensions` for messages, e.g. `1 to 1024`. */
export function describeDimensions(spec: JinaModelSpec): string {
  const allowed = spec.dimensions;
  if (allowed === undefined) return `exactly ${spec.dim} (fixed)`;
  if ('min' in allowed) return `${allowed.min} to ${allowed.max}`;
  return (allowed as readonly number[]).join(', ');
}

/** Whether `value` is an allowed `dimensions` for the model. */
export function allowsDimensions(spec: JinaModelSpec, value: number): boolean {
  const allowed = spec.dimensions;
  if (allowed === undefined) return false;
  if ('min' in allowed) return value >= allowed.min && value <= allowed.max;
  return (allowed as readonly number[]).includes(value);
}
