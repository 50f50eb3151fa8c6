/** How the simulator serves one Voyage text embedding model, from the package's fact sheet. */
export interface SimulatedVoyageModel {
  /** Vector length without `output_dimension`. */
  readonly dim: number;
  /** Allowed `output_dimension` values; absent: only `null` is accepted. */
  readonly dimensions?: readonly number[];
  /** Context length per input, in tokens. */
  readonly maxTokensPerInput: number;
  /** Tokens summed over one request's inputs, after truncation. */
  readonly maxTokensPerRequest: number;
  /** Whether `output_dtype` other than `float` is accepted. */
  readonly quantized: boolean;
}

const flexible = (maxTokensPerRequest: number): SimulatedVoyageModel => ({
  dim: 1024,
  dimensions: [256, 512, 1024, 2048],
  maxTokensPerInput: 32_000,
  maxTokensPerRequest,
  quantized: true,
});

/** Voyage's current text embedding models, as the simulator serves them by default. */
export const simulatedVoyageModels: Readonly<Record<string, SimulatedVoyageModel>> = {
  'voyage-4-large': flexible(120_000),
  'voyage-4': flexible(320_000),
  'voyage-4-lite': flexible(1_000_000),
  'voyage-3-large': flexible(120_000),
  'voyage-3.5': flexible(320_000),
  'voyage-3.5-lite': flexible(1_000_000),
  'voyage-code-3': flexible(120_000),
  'voyage-finance-2': {
    dim: 1024,
    maxTokensPerInput: 32_000,
    maxTokensPerRequest: 120_000,
    quantized: false,
  },
  'voyage-law-2': {
    dim: 1024,
    maxTokensPerInput: 16_000,
    maxTokensPerRequest: 120_000,
    quantized: false,
  },
};

/** Inputs per request: "The maximum length of the list is 1,000." */
export const voyageSimulatorMaxInputs = 1000;
