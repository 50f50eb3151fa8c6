/** How token vectors become one sentence vector; each model was trained with one of these. */
export type LocalPooling = 'mean' | 'cls';

/** What embedkit knows about a sentence-embedding model without opening its files. */
export interface LocalModelInfo {
  /** Hugging Face repository that publishes the model with ONNX files under `onnx/`. */
  readonly repository: string;
  readonly dim: number;
  readonly pooling: LocalPooling;
  /** Tokens one input may have; longer inputs are truncated to this. */
  readonly maxTokens: number;
  /** Prepended to queries; asymmetric models (e5, nomic) were trained with it and need it. */
  readonly queryPrefix?: string;
  /** Prepended to documents. */
  readonly documentPrefix?: string;
  /** Whether the first N values are themselves a good embedding (Matryoshka training). */
  readonly matryoshka?: boolean;
}

/**
 * Models with known dims, pooling and prefixes. Any other Hugging Face id or local directory works
 * too: its pooling, maximum length and dim come from the model's own config files.
 */
export const localModels = {
  'all-MiniLM-L6-v2': {
    repository: 'Xenova/all-MiniLM-L6-v2',
    dim: 384,
    pooling: 'mean',
    maxTokens: 256,
  },
  'bge-small-en-v1.5': {
    repository: 'Xenova/bge-small-en-v1.5',
    dim: 384,
    pooling: 'cls',
    maxTokens: 512,
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
  },
  'e5-small-v2': {
    repository: 'Xenova/e5-small-v2',
    dim: 384,
    pooling: 'mean',
    maxTokens: 512,
    queryPrefix: 'query: ',
    documentPrefix: 'passage: ',
  },
  'nomic-embed-text-v1.5': {
    repository: 'nomic-ai/nomic-embed-text-v1.5',
    dim: 768,
    pooling: 'mean',
    maxTokens: 8192,
    queryPrefix: 'search_query: ',
    documentPrefix: 'search_document: ',
    matryoshka: true,
  },
  'jina-embeddings-v2-small-en': {
    repository: 'Xenova/jina-embeddings-v2-small-en',
    dim: 512,
    pooling: 'mean',
    maxTokens: 8192,
  },
} as const satisfies Record<string, LocalModelInfo>;

/** A known model id; any other string is accepted as a Hugging Face repository id. */
export type LocalModelId = keyof typeof localModels | (string & {});

/** The known model under a short id or its repository id, if any. */
export function findLocalModel(model: string): LocalModelInfo | undefined {
  const known: Record<string, LocalModelInfo> = localModels;
  if (Object.hasOwn(known, model)) return known[model];
  const byRepository = Object.values(known).find(
    (info) => info.repository === model || info.repository.split('/')[1] === model.split('/')[1],
  );
  return byRepository;
}
