/** Request fields a Voyage model may take besides `model`, `input`, `input_type`, `truncation`. */
export type VoyageRequestField = 'output_dimension' | 'output_dtype' | 'encoding_format';

/**
 * What embedkit knows about one Voyage text embedding model, from Voyage's embeddings reference
 * and model list (sources and unverified values in the package's API.md).
 */
export interface VoyageModelSpec {
  /** Vector length when `output_dimension` is not sent. */
  readonly dim: number;
  /** Allowed `output_dimension` values; absent when the model has one fixed length. */
  readonly dimensions?: readonly number[];
  /** Context length per input, in tokens. */
  readonly maxTokensPerInput: number;
  /** Tokens summed over one request's inputs (after truncation): 120K, 320K or 1M by model. */
  readonly maxTokensPerCall: number;
  /** Whether `output_dtype` other than `float` is accepted (int8, uint8, binary, ubinary). */
  readonly quantized: boolean;
}

/** Inputs per request, for every model: "The maximum length of the list is 1,000." */
export const voyageMaxInputsPerCall = 1000;

const matryoshka = [256, 512, 1024, 2048] as const;
const flexible = (maxTokensPerCall: number): VoyageModelSpec => ({
  dim: 1024,
  dimensions: matryoshka,
  maxTokensPerInput: 32_000,
  maxTokensPerCall,
  quantized: true,
});

/** Every Voyage text embedding model embedkit knows (`/v1/embeddings`). */
export const voyageModels = {
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
    maxTokensPerCall: 120_000,
    quantized: false,
  },
  'voyage-law-2': {
    dim: 1024,
    maxTokensPerInput: 16_000,
    maxTokensPerCall: 120_000,
    quantized: false,
  },
} satisfies Record<string, VoyageModelSpec>;

/** A known model id, or any string: Voyage adds models faster than packages ship. */
export type VoyageModelId = keyof typeof voyageModels | (string & {});

/**
 * Per-request token cap for a model embedkit does not know: the smallest published one, so an
 * unknown model is never sent more than any Voyage model accepts.
 */
export const voyageDefaultMaxTokensPerCall = 120_000;

/** The spec of a known model, `undefined` for ids embedkit does not know. */
export function voyageModelSpec(model: string): VoyageModelSpec | undefined {
  return Object.hasOwn(voyageModels, model)
    ? voyageModels[model as keyof typeof voyageModels]
    : undefined;
}
