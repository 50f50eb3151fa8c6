/** How the simulator serves one model: its full vector length and what it accepts. */
export interface SimulatedOpenAIModel {
  /** Vector length without `dimensions`. */
  readonly dim: number;
  /** Whether the `dimensions` field is accepted (400 otherwise, as for ada-002). */
  readonly acceptsDimensions: boolean;
  /** Tokens one input may have (8,192 for OpenAI's models). */
  readonly maxTokensPerInput: number;
}

/** OpenAI's documented embedding models, as the simulator serves them by default. */
export const simulatedOpenAIModels: Readonly<Record<string, SimulatedOpenAIModel>> = {
  'text-embedding-3-small': { dim: 1536, acceptsDimensions: true, maxTokensPerInput: 8192 },
  'text-embedding-3-large': { dim: 3072, acceptsDimensions: true, maxTokensPerInput: 8192 },
  'text-embedding-ada-002': { dim: 1536, acceptsDimensions: false, maxTokensPerInput: 8192 },
};

/** What one request may carry: inputs, and tokens summed over the inputs. */
export interface SimulatedOpenAILimits {
  readonly maxInputsPerRequest: number;
  readonly maxTokensPerRequest: number;
}

/** The service's documented request limits: 2,048 inputs and 300,000 tokens per request. */
export const simulatedOpenAILimits: SimulatedOpenAILimits = {
  maxInputsPerRequest: 2048,
  maxTokensPerRequest: 300_000,
};
