import type { ConfigIssue } from '@embedkit/core';
import type { CohereModelSpec } from './cohere-models.js';
import type { ResolvedCohereSettings } from './cohere-settings.js';

/**
 * Checks settings against a known model, so a request the API would refuse with 400 is caught at
 * construction with a sentence saying what the model does take.
 */
export function checkCohereSettings(
  settings: ResolvedCohereSettings,
  spec: CohereModelSpec,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { dimensions, model } = settings;
  if (dimensions !== undefined && !spec.dimensions?.includes(dimensions)) {
    issues.push({
      path: 'dimensions',
      message: spec.dimensions
        ? `${model} takes output_dimension ${spec.dimensions.join(', ')}, not ${dimensions}`
        : `${model} always returns ${spec.dim} dimensions and takes no output_dimension; remove dimensions or use embed-v4.0 (256, 512, 1024, 1536)`,
    });
  }
  return issues;
}
