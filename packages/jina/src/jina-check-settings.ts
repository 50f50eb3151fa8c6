import type { ConfigIssue } from '@embedkit/core';
import { allowsDimensions, describeDimensions, type JinaModelSpec } from './jina-models.js';
import type { ResolvedJinaSettings } from './jina-settings.js';

/**
 * Checks settings against a known model, so a request the API would refuse with 422 is caught at
 * construction with a sentence saying what the model does take. Returns every problem at once.
 */
export function checkSettingsAgainstModel(
  settings: ResolvedJinaSettings,
  spec: JinaModelSpec,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { model } = settings;
  if (settings.task !== undefined && !spec.tasks?.includes(settings.task)) {
    issues.push({
      path: 'task',
      message: spec.tasks
        ? `${model} takes task ${spec.tasks.map((task) => `"${task}"`).join(', ')}, not "${settings.task}"`
        : `${model} takes no task; remove it`,
    });
  }
  if (settings.dimensions !== undefined && !allowsDimensions(spec, settings.dimensions)) {
    issues.push({
      path: 'dimensions',
      message: `${model} produces ${describeDimensions(spec)} dimensions, not ${settings.dimensions}`,
    });
  }
  if (settings.lateChunking && !spec.fields.includes('late_chunking')) {
    issues.push({
      path: 'lateChunking',
      message: `${model} does not support late chunking; use jina-embeddings-v3 or v4`,
    });
  }
  if (settings.normalized === false && !spec.fields.includes('normalized')) {
    issues.push({
      path: 'normalized',
      message: `${model} always returns normalised vectors; remove normalized: false`,
    });
  }
  if (settings.embeddingType !== undefined && !spec.fields.includes('embedding_type')) {
    issues.push({
      path: 'embeddingType',
      message: `${model} does not take embedding_type; it always answers with JSON floats`,
    });
  }
  if (settings.truncate !== undefined && !spec.fields.includes('truncate')) {
    issues.push({ path: 'truncate', message: `${model} does not take truncate; remove it` });
  }
  return issues;
}
