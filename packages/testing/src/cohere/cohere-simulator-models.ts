/** How the simulator serves one Cohere embed model, from the package's fact sheet. */
export interface SimulatedCohereModel {
  /** Vector length without `output_dimension`. */
  readonly dim: number;
  /** Allowed `output_dimension` values; absent: the field is refused (v3 models). */
  readonly dimensions?: readonly number[];
  /** Context length per input, in tokens. */
  readonly maxTokensPerInput: number;
  /** Tokens summed over one request, when capped (embed-v4.0: 128,000). */
  readonly maxTokensPerRequest?: number;
  /** Images per request through `images`/`inputs`: absent refuses images, `Infinity` for v4. */
  readonly maxImagesPerRequest?: number;
}

const v3 = (dim: number): SimulatedCohereModel => ({
  dim,
  maxTokensPerInput: 512,
  maxImagesPerRequest: 1,
});

/** Cohere's current embed models, as the simulator serves them by default. */
export const simulatedCohereModels: Readonly<Record<string, SimulatedCohereModel>> = {
  'embed-v4.0': {
    dim: 1536,
    dimensions: [256, 512, 1024, 1536],
    maxTokensPerInput: 128_000,
    maxTokensPerRequest: 128_000,
    maxImagesPerRequest: Number.POSITIVE_INFINITY,
  },
  'embed-english-v3.0': v3(1024),
  'embed-multilingual-v3.0': v3(1024),
  'embed-english-light-v3.0': v3(384),
  'embed-multilingual-light-v3.0': v3(384),
};

/** Texts or inputs per request: 96 for every model. */
export const cohereSimulatorMaxInputs = 96;

/** Combined size of the images of one request (embed-v4.0): 20 MB. */
export const cohereSimulatorMaxImageBytes = 20 * 1024 * 1024;

/** Tokens the simulator bills for one image (Oracle: a 512 × 512 image is about 1,610). */
export const cohereSimulatorImageTokens = 1610;
