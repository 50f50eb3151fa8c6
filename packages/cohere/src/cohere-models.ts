/** Request fields a Cohere embed model may take besides `model`, `texts`/`inputs`, `input_type`. */
export type CohereRequestField = 'output_dimension' | 'embedding_types' | 'truncate';

/** Kinds of input a model embeds through embedkit. */
export type CohereInputKind = 'text' | 'image';

/**
 * What embedkit knows about one Cohere embed model, from Cohere's model page and the `/v2/embed`
 * reference (see the package's API.md for the sources and which values are not published).
 */
export interface CohereModelSpec {
  /** Vector length when `output_dimension` is not sent. */
  readonly dim: number;
  /** Allowed `output_dimension` values; absent when the model has one fixed length (v3). */
  readonly dimensions?: readonly number[];
  /** Context length per input, in tokens. */
  readonly maxTokensPerInput: number;
  /**
   * Tokens one request may carry in all, when a cap applies. Cohere publishes none for `/v2/embed`;
   * 128,000 for v4 is Oracle's published figure for the same model and the model's context.
   */
  readonly maxTokensPerCall?: number;
  readonly inputKinds: readonly CohereInputKind[];
  readonly fields: readonly CohereRequestField[];
}

/** Inputs (`texts` or `inputs`) per request, for every model: the API refuses more with 400. */
export const cohereMaxInputsPerCall = 96;

const v3 = (dim: number): CohereModelSpec => ({
  dim,
  maxTokensPerInput: 512,
  inputKinds: ['text'],
  fields: ['embedding_types', 'truncate'],
});

/** Every Cohere embed model embedkit knows (the v2.0 models were retired on 2026-04-04). */
export const cohereModels = {
  'embed-v4.0': {
    dim: 1536,
    dimensions: [256, 512, 1024, 1536],
    maxTokensPerInput: 128_000,
    maxTokensPerCall: 128_000,
    inputKinds: ['text', 'image'],
    fields: ['output_dimension', 'embedding_types', 'truncate'],
  },
  'embed-english-v3.0': v3(1024),
  'embed-multilingual-v3.0': v3(1024),
  'embed-english-light-v3.0': v3(384),
  'embed-multilingual-light-v3.0': v3(384),
} satisfies Record<string, CohereModelSpec>;

/** A known model id, or any string: Cohere adds models faster than packages ship. */
export type CohereModelId = keyof typeof cohereModels | (string & {});

/** The spec of a known model, `undefined` for ids embedkit does not know. */
export function cohereModelSpec(model: string): CohereModelSpec | undefined {
  return Object.hasOwn(cohereModels, model)
    ? cohereModels[model as keyof typeof cohereModels]
    : undefined;
}

/** Whether a request for the model may carry `field`; unknown models take what was configured. */
export function cohereAcceptsField(
  spec: CohereModelSpec | undefined,
  field: CohereRequestField,
): boolean {
  return spec === undefined || spec.fields.includes(field);
}
