/** How the simulator serves one Mistral embedding model, from the package's fact sheet. */
export interface SimulatedMistralModel {
  /** Vector length without `output_dimension`. */
  readonly dim: number;
  /** Largest `output_dimension`; absent when the model takes none (mistral-embed). */
  readonly maxOutputDimension?: number;
  /** Whether `output_dtype` other than `float` is accepted. */
  readonly quantized: boolean;
  /** Tokens one input may have. */
  readonly maxTokensPerInput: number;
}

/** The documented models, as the simulator serves them by default. */
export const simulatedMistralModels: Readonly<Record<string, SimulatedMistralModel>> = {
  'mistral-embed': { dim: 1024, quantized: false, maxTokensPerInput: 8192 },
  'codestral-embed': {
    dim: 1536,
    maxOutputDimension: 3072,
    quantized: true,
    maxTokensPerInput: 8192,
  },
};

/** What one request may carry: 512 inputs and 16,384 tokens over all of them. */
export interface SimulatedMistralLimits {
  readonly maxInputsPerRequest: number;
  readonly maxTokensPerRequest: number;
}

/** The service's observed limits (see `packages/mistral/API.md`). */
export const simulatedMistralLimits: SimulatedMistralLimits = {
  maxInputsPerRequest: 512,
  maxTokensPerRequest: 16_384,
};

/** The `output_dtype` values. */
export const mistralOutputDtypes = ['float', 'int8', 'uint8', 'binary', 'ubinary'] as const;
