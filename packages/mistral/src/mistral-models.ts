/** What embedkit knows about one Mistral embedding model without calling it (see API.md). */
export interface MistralModelSpec {
  /** Vector length without `output_dimension`. */
  readonly dim: number;
  /** Allowed `output_dimension`, inclusive; absent when the model is fixed-size. */
  readonly dimensions?: { readonly min: number; readonly max: number };
  /** Whether `output_dtype` other than `float` (int8, uint8, binary, ubinary) is offered. */
  readonly quantized: boolean;
  /** Tokens one input may have. */
  readonly maxTokensPerInput: number;
}

/** The documented models. */
export const mistralModels = {
  'mistral-embed': { dim: 1024, quantized: false, maxTokensPerInput: 8192 },
  'codestral-embed': {
    dim: 1536,
    dimensions: { min: 1, max: 3072 },
    quantized: true,
    maxTokensPerInput: 8192,
  },
} satisfies Record<string, MistralModelSpec>;

/** A known model id, or any string (dated aliases such as `codestral-embed-2505`). */
export type MistralModelId = keyof typeof mistralModels | (string & {});

/** The spec of a known model, `undefined` for ids embedkit does not know. */
export function mistralModelSpec(model: string): MistralModelSpec | undefined {
  return Object.hasOwn(mistralModels, model)
    ? mistralModels[model as keyof typeof mistralModels]
    : undefined;
}

/**
 * What one request accepts, as the API's own refusals state them: 512 inputs ("Too many inputs
 * in request") and 16,384 tokens over all inputs ("Too many tokens in batch. Max is 16384"),
 * 8192 tokens per input.
 */
export const mistralServiceLimits = {
  maxInputsPerCall: 512,
  maxTokensPerCall: 16_384,
  maxTokensPerInput: 8192,
} as const;

/** Integer outputs of `output_dtype`. */
export type MistralQuantizedType = 'int8' | 'uint8' | 'binary' | 'ubinary';
