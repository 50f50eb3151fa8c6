/** Nomic's `task_type` values. */
export const nomicTaskTypes = [
  'search_document',
  'search_query',
  'classification',
  'clustering',
] as const;

/** A Nomic task type. */
export type NomicTaskType = (typeof nomicTaskTypes)[number];

/** What embedkit knows about one Nomic text model without calling it (see API.md). */
export interface NomicModelSpec {
  readonly dim: number;
  /** Allowed `dimensionality` (Matryoshka); absent when the model is fixed-size. */
  readonly dimensions?: { readonly min: number; readonly max: number };
  /** Context per text in tokens; longer texts are cut or averaged (`longTextMode`). */
  readonly contextTokens: number;
}

/** The documented models. */
export const nomicModels = {
  'nomic-embed-text-v1': { dim: 768, contextTokens: 8192 },
  'nomic-embed-text-v1.5': { dim: 768, dimensions: { min: 64, max: 768 }, contextTokens: 8192 },
} satisfies Record<string, NomicModelSpec>;

/** A known model id, or any string. */
export type NomicModelId = keyof typeof nomicModels | (string & {});

/** The spec of a known model, `undefined` for ids embedkit does not know. */
export function nomicModelSpec(model: string): NomicModelSpec | undefined {
  return Object.hasOwn(nomicModels, model)
    ? nomicModels[model as keyof typeof nomicModels]
    : undefined;
}

/**
 * What one request carries: 50 texts, the official Python client's batch size (Nomic publishes
 * no cap), and a planning budget of 50 × 8192 tokens (no per-request token limit is published;
 * over-long texts are cut or averaged by the service, not refused).
 */
export const nomicServiceLimits = {
  maxInputsPerCall: 50,
  maxTokensPerCall: 409_600,
} as const;
