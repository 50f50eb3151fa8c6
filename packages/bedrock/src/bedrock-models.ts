/** Bedrock model ids of the text embedding models embedkit knows; other strings are refused. */
export type BedrockEmbeddingModelId =
  | 'amazon.titan-embed-text-v2:0'
  | 'amazon.titan-embed-text-v1'
  | 'cohere.embed-english-v3'
  | 'cohere.embed-multilingual-v3'
  | 'cohere.embed-v4:0'
  | (string & {});

/** The request format a model takes. */
export type BedrockModelFamily = 'titan-v1' | 'titan-v2' | 'cohere-v3' | 'cohere-v4';

/** What embedkit knows about one Bedrock embedding model without calling it. */
export interface BedrockModelInfo {
  readonly family: BedrockModelFamily;
  /** Vector length without `dimensions`. */
  readonly dim: number;
  /** Accepted `dimensions` (Titan `dimensions`, Cohere v4 `output_dimension`); none for others. */
  readonly dimensions: readonly number[];
  /** Accepted embedding types (Titan `embeddingTypes`, Cohere `embedding_types`). */
  readonly embeddingTypes: readonly BedrockEmbeddingType[];
  /** Accepted `truncate` values; none for Titan. */
  readonly truncate: readonly string[];
  /** Texts per InvokeModel call: Titan embeds one, Cohere up to 96. */
  readonly maxInputsPerCall: number;
  /** Characters one text may have, when the model's schema caps them. */
  readonly maxCharacters?: number;
  /** Tokens one text may have before the model refuses it (without truncation). */
  readonly maxTokensPerInput: number;
}

/** Output encodings the models offer; every one is decoded into a `Float32Array` per input. */
export type BedrockEmbeddingType = 'float' | 'binary' | 'int8' | 'uint8' | 'ubinary';

const cohereTypes: readonly BedrockEmbeddingType[] = [
  'float',
  'int8',
  'uint8',
  'binary',
  'ubinary',
];

/**
 * From Bedrock's model parameter pages (Titan Text Embeddings, Cohere Embed v3 and v4; see
 * API.md): Titan v2 1024 dims (or 512, 256), one text of ≤ 8,192 tokens / 50,000 characters per
 * call; Titan v1 1536 dims, no options; Cohere v3 1024 dims, ≤ 96 texts of ≤ 2,048 characters
 * (512 tokens); Cohere v4 1536 dims (or 256, 512, 1024), ≤ 96 texts, ~128k-token context.
 */
export const bedrockModels: Readonly<Record<string, BedrockModelInfo>> = {
  'amazon.titan-embed-text-v2:0': {
    family: 'titan-v2',
    dim: 1024,
    dimensions: [256, 512, 1024],
    embeddingTypes: ['float', 'binary'],
    truncate: [],
    maxInputsPerCall: 1,
    maxCharacters: 50_000,
    maxTokensPerInput: 8192,
  },
  'amazon.titan-embed-text-v1': {
    family: 'titan-v1',
    dim: 1536,
    dimensions: [],
    embeddingTypes: ['float'],
    truncate: [],
    maxInputsPerCall: 1,
    maxCharacters: 50_000,
    maxTokensPerInput: 8192,
  },
  'cohere.embed-english-v3': {
    family: 'cohere-v3',
    dim: 1024,
    dimensions: [],
    embeddingTypes: cohereTypes,
    truncate: ['NONE', 'START', 'END'],
    maxInputsPerCall: 96,
    maxCharacters: 2048,
    maxTokensPerInput: 512,
  },
  'cohere.embed-multilingual-v3': {
    family: 'cohere-v3',
    dim: 1024,
    dimensions: [],
    embeddingTypes: cohereTypes,
    truncate: ['NONE', 'START', 'END'],
    maxInputsPerCall: 96,
    maxCharacters: 2048,
    maxTokensPerInput: 512,
  },
  'cohere.embed-v4:0': {
    family: 'cohere-v4',
    dim: 1536,
    dimensions: [256, 512, 1024, 1536],
    embeddingTypes: cohereTypes,
    truncate: ['NONE', 'LEFT', 'RIGHT'],
    maxInputsPerCall: 96,
    maxTokensPerInput: 128_000,
  },
};

/**
 * The table entry for a model id, also for a cross-region inference profile of it
 * (`us.cohere.embed-v4:0`, `eu.…`, `apac.…`, `global.…`), or `undefined`.
 */
export function bedrockModelInfo(model: string): BedrockModelInfo | undefined {
  const base = model.replace(/^(us|eu|apac|us-gov|global|jp|au|ca)\./, '');
  return Object.hasOwn(bedrockModels, base) ? bedrockModels[base] : undefined;
}
