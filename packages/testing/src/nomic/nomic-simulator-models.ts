/** How the simulator serves one Nomic text model, from the package's fact sheet. */
export interface SimulatedNomicModel {
  readonly dim: number;
  /** Allowed `dimensionality`; absent when the model takes none (v1). */
  readonly dimensionality?: { readonly min: number; readonly max: number };
  /** Context per text, in tokens. */
  readonly contextTokens: number;
}

/** The documented models. */
export const simulatedNomicModels: Readonly<Record<string, SimulatedNomicModel>> = {
  'nomic-embed-text-v1': { dim: 768, contextTokens: 8192 },
  'nomic-embed-text-v1.5': { dim: 768, dimensionality: { min: 64, max: 768 }, contextTokens: 8192 },
};

/** Texts per request the simulator accepts (the official client's batch size). */
export const simulatedNomicMaxTexts = 50;

/** The `task_type` values. */
export const nomicTaskTypes = [
  'search_document',
  'search_query',
  'classification',
  'clustering',
] as const;
