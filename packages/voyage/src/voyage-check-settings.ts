import type { ConfigIssue } from '@embedkit/core';
import type { VoyageModelSpec } from './voyage-models.js';
import type { ResolvedVoyageSettings } from './voyage-settings.js';

/**
 * Checks settings against a known model, so a request the API would refuse with 400 is caught at
 * construction with a sentence saying what the model does take.
 */
export function checkVoyageSettings(
  settings: ResolvedVoyageSettings,
  spec: VoyageModelSpec,
): ConfigIssue[] {
  const { dimensions, model } = settings;
  if (dimensions === undefined || spec.dimensions?.includes(dimensions)) return [];
  return [
    {
      path: 'dimensions',
      message: spec.dimensions
        ? `${model} takes output_dimension ${spec.dimensions.join(', ')}, not ${dimensions}`
        : `${model} always returns ${spec.dim} dimensions and takes no output_dimension; remove dimensions or use a model with flexible dimensions (voyage-4, voyage-3.5, voyage-code-3, …)`,
    },
  ];
}
