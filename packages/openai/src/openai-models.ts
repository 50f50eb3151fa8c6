/**
 * Model ids OpenAI documents for `/v1/embeddings`. Any other string is accepted too, because the
 * same API is served by Azure deployments and by local servers with their own model names.
 */
export type OpenAIEmbeddingModelId =
  | 'text-embedding-3-small'
  | 'text-embedding-3-large'
  | 'text-embedding-ada-002'
  | (string & {});

/** What embedkit knows about one OpenAI embedding model without calling it. */
export interface OpenAIModelInfo {
  /** Vector length when no `dimensions` is sent. */
  readonly dim: number;
  /**
   * Whether the model takes the `dimensions` request field (Matryoshka shortening). ada-002 does
   * not: the API answers 400 when it is sent.
   */
  readonly acceptsDimensions: boolean;
  /** Tokens one input may have; longer inputs are refused, not truncated. */
  readonly maxTokensPerInput: number;
}

/** The documented OpenAI embedding models. All three return L2-normalised vectors. */
export const openaiModels: Readonly<Record<string, OpenAIModelInfo>> = {
  'text-embedding-3-small': { dim: 1536, acceptsDimensions: true, maxTokensPerInput: 8192 },
  'text-embedding-3-large': { dim: 3072, acceptsDimensions: true, maxTokensPerInput: 8192 },
  'text-embedding-ada-002': { dim: 1536, acceptsDimensions: false, maxTokensPerInput: 8192 },
};

/** The model table entry, or `undefined` for a model embedkit does not know. */
export function openaiModelInfo(model: string): OpenAIModelInfo | undefined {
  return Object.hasOwn(openaiModels, model) ? openaiModels[model] : undefined;
}

/**
 * What the OpenAI service accepts in one request: 2,048 inputs, 8,192 tokens per input and
 * 300,000 tokens summed over the request. Other servers behind `baseURL` may accept less; the
 * `maxInputsPerCall` / `maxTokensPerCall` / `maxTokensPerInput` settings lower these.
 */
export const openaiServiceLimits = {
  maxInputsPerCall: 2048,
  maxTokensPerInput: 8192,
  maxTokensPerCall: 300_000,
} as const;
