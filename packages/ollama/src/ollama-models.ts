/**
 * Embedding models from the Ollama library, by `name` or `name:tag`. Any other name is accepted
 * too (Ollama serves whatever was pulled or created), but then `dimensions` must be given.
 */
export type OllamaEmbeddingModelId =
  | 'nomic-embed-text'
  | 'mxbai-embed-large'
  | 'all-minilm'
  | 'bge-m3'
  | 'bge-large'
  | 'snowflake-arctic-embed'
  | 'snowflake-arctic-embed2'
  | 'embeddinggemma'
  | 'qwen3-embedding'
  | 'paraphrase-multilingual'
  | (string & {});

/** What embedkit knows about an Ollama embedding model without calling it. */
export interface OllamaModelInfo {
  /** Vector length without `dimensions`. */
  readonly dim: number;
  /** Context length in tokens (the model's `context_length`); longer inputs are cut or refused. */
  readonly contextLength: number;
  /** Trained for Matryoshka truncation, so a smaller `dimensions` keeps its quality. */
  readonly matryoshka?: boolean;
}

/**
 * Dimensions and contexts from the models' Ollama library pages (ollama.com/library/<name>) and
 * their model cards. The default tag (`latest`) of each name is listed under the bare name.
 */
export const ollamaModels: Readonly<Record<string, OllamaModelInfo>> = {
  'nomic-embed-text': { dim: 768, contextLength: 2048, matryoshka: true },
  'nomic-embed-text:v1.5': { dim: 768, contextLength: 2048, matryoshka: true },
  'mxbai-embed-large': { dim: 1024, contextLength: 512, matryoshka: true },
  'mxbai-embed-large:335m': { dim: 1024, contextLength: 512, matryoshka: true },
  'all-minilm': { dim: 384, contextLength: 256 },
  'all-minilm:22m': { dim: 384, contextLength: 256 },
  'all-minilm:33m': { dim: 384, contextLength: 256 },
  'all-minilm:l6-v2': { dim: 384, contextLength: 256 },
  'all-minilm:l12-v2': { dim: 384, contextLength: 256 },
  'bge-m3': { dim: 1024, contextLength: 8192 },
  'bge-m3:567m': { dim: 1024, contextLength: 8192 },
  'bge-large': { dim: 1024, contextLength: 512 },
  'bge-large:335m': { dim: 1024, contextLength: 512 },
  'snowflake-arctic-embed': { dim: 1024, contextLength: 512 },
  'snowflake-arctic-embed:335m': { dim: 1024, contextLength: 512 },
  'snowflake-arctic-embed:137m': { dim: 768, contextLength: 2048 },
  'snowflake-arctic-embed:110m': { dim: 768, contextLength: 512 },
  'snowflake-arctic-embed:33m': { dim: 384, contextLength: 512 },
  'snowflake-arctic-embed:22m': { dim: 384, contextLength: 512 },
  'snowflake-arctic-embed2': { dim: 1024, contextLength: 8192, matryoshka: true },
  'snowflake-arctic-embed2:568m': { dim: 1024, contextLength: 8192, matryoshka: true },
  embeddinggemma: { dim: 768, contextLength: 2048, matryoshka: true },
  'embeddinggemma:300m': { dim: 768, contextLength: 2048, matryoshka: true },
  'qwen3-embedding': { dim: 4096, contextLength: 40_960, matryoshka: true },
  'qwen3-embedding:8b': { dim: 4096, contextLength: 40_960, matryoshka: true },
  'qwen3-embedding:4b': { dim: 2560, contextLength: 40_960, matryoshka: true },
  'qwen3-embedding:0.6b': { dim: 1024, contextLength: 32_768, matryoshka: true },
  'paraphrase-multilingual': { dim: 768, contextLength: 512 },
  'paraphrase-multilingual:278m': { dim: 768, contextLength: 512 },
};

/** The table entry for `model` (`name:latest` is `name`), or `undefined` for another model. */
export function ollamaModelInfo(model: string): OllamaModelInfo | undefined {
  const key = model.endsWith(':latest') ? model.slice(0, -':latest'.length) : model;
  return Object.hasOwn(ollamaModels, key) ? ollamaModels[key] : undefined;
}
