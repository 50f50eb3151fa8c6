import type { NomicModelSpec } from './nomic-models.js';
import type { ResolvedNomicSettings } from './nomic-settings.js';

/**
 * Builds the `/v1/embedding/text` body: `texts`, `model`, `task_type` and `long_text_mode`
 * always; `dimensionality` only when configured (never for v1, refused at construction);
 * `max_tokens_per_text` only when configured.
 */
export function buildTextBody(plan: {
  settings: ResolvedNomicSettings;
  spec: NomicModelSpec | undefined;
  texts: readonly string[];
  taskType: string;
}): Record<string, unknown> {
  const { settings } = plan;
  const body: Record<string, unknown> = {
    texts: plan.texts,
    model: settings.model,
    task_type: plan.taskType,
    long_text_mode: settings.longTextMode,
  };
  if (
    settings.dimensions !== undefined &&
    (plan.spec === undefined || plan.spec.dimensions !== undefined)
  ) {
    body.dimensionality = settings.dimensions;
  }
  if (settings.maxTokensPerText !== undefined) body.max_tokens_per_text = settings.maxTokensPerText;
  return body;
}
