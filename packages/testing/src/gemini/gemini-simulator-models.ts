/** How the simulator serves one Gemini embedding model, from the package's fact sheet. */
export interface SimulatedGeminiModel {
  /** Full vector length, the answer without `outputDimensionality`. */
  readonly dim: number;
  /** Allowed `outputDimensionality`, inclusive. */
  readonly dimensions: { readonly min: number; readonly max: number };
  /** `taskType` values the model takes. */
  readonly taskTypes: readonly string[];
  /** Tokens one input may have. */
  readonly maxTokensPerInput: number;
}

/** Every value of the API's `TaskType` enum besides `TASK_TYPE_UNSPECIFIED`. */
export const geminiTaskTypeEnum = [
  'TASK_TYPE_UNSPECIFIED',
  'RETRIEVAL_QUERY',
  'RETRIEVAL_DOCUMENT',
  'SEMANTIC_SIMILARITY',
  'CLASSIFICATION',
  'CLUSTERING',
  'QUESTION_ANSWERING',
  'FACT_VERIFICATION',
  'CODE_RETRIEVAL_QUERY',
] as const;

const allTasks = geminiTaskTypeEnum.slice(1);

/** The documented models, as the simulator serves them by default. */
export const simulatedGeminiModels: Readonly<Record<string, SimulatedGeminiModel>> = {
  'gemini-embedding-001': {
    dim: 3072,
    dimensions: { min: 128, max: 3072 },
    taskTypes: allTasks,
    maxTokensPerInput: 2048,
  },
  'text-embedding-004': {
    dim: 768,
    dimensions: { min: 1, max: 768 },
    taskTypes: allTasks.filter((task) => task !== 'CODE_RETRIEVAL_QUERY'),
    maxTokensPerInput: 2048,
  },
};

/** Requests one `batchEmbedContents` call may carry. */
export const simulatedGeminiMaxRequests = 100;
