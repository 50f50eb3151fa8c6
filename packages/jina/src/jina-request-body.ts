import { type EmbedPurpose, InvalidInputError } from '@embedkit/core';
import { type JinaInput, toWireInput } from './jina-input.js';
import { acceptsField, type JinaModelSpec } from './jina-models.js';
import type { ResolvedJinaSettings } from './jina-settings.js';

/** What one embeddings request asks for. */
export interface JinaRequestPlan {
  readonly settings: ResolvedJinaSettings;
  /** `undefined` for a model embedkit does not know. */
  readonly spec: JinaModelSpec | undefined;
  readonly inputs: readonly JinaInput[];
  readonly purpose: EmbedPurpose;
  /** Per-call task override. */
  readonly task?: string;
  /** Send `late_chunking: true`: this request is exactly one document's chunks. */
  readonly lateChunking: boolean;
  /** Float vectors (the default), packed sign bits, or many vectors per input. */
  readonly output: 'float' | 'binary' | 'ubinary' | 'multivector';
}

/**
 * Builds the `/v1/embeddings` body with exactly the fields the model defines: a known model gets
 * its task for the purpose, its `normalized` / `embedding_type` / `truncate` sent explicitly
 * (defaults changed over time); an unknown model gets only `model`, `input` and what was
 * configured. A field the model rejects is never sent, because the API answers it with 422.
 */
export function buildEmbeddingBody(plan: JinaRequestPlan): Record<string, unknown> {
  const { settings, spec } = plan;
  const body: Record<string, unknown> = {
    model: settings.model,
    input: plan.inputs.map(toWireInput),
  };
  const accepts = (field: Parameters<typeof acceptsField>[1]) => acceptsField(spec, field);

  const task = taskFor(plan);
  if (task !== undefined && accepts('task')) body.task = task;
  if (spec?.fields.includes('input_type'))
    body.input_type = plan.purpose === 'query' ? 'query' : 'document';
  const multivector = plan.output === 'multivector';
  if (
    settings.dimensions !== undefined &&
    accepts('dimensions') &&
    !(multivector && spec?.multivector === 'optional')
  ) {
    body.dimensions = settings.dimensions;
  }
  if (plan.lateChunking && accepts('late_chunking')) body.late_chunking = true;
  if (spec ? spec.fields.includes('normalized') : settings.normalized !== undefined) {
    body.normalized = settings.normalized ?? true;
  }
  const embeddingType =
    plan.output === 'binary' || plan.output === 'ubinary'
      ? plan.output
      : (settings.embeddingType ??
        (spec?.fields.includes('embedding_type') ? 'base64' : undefined));
  if (embeddingType !== undefined && accepts('embedding_type')) body.embedding_type = embeddingType;
  if (spec ? spec.fields.includes('truncate') : settings.truncate !== undefined) {
    body.truncate = settings.truncate ?? false;
  }
  if (multivector && (spec === undefined || spec.multivector === 'optional'))
    body.return_multivector = true;
  return body;
}

/** The task a request carries: the override, else the purpose's task for the model. */
function taskFor(plan: JinaRequestPlan): string | undefined {
  const { spec, settings } = plan;
  if (plan.task !== undefined) {
    if (spec && !spec.tasks?.includes(plan.task)) {
      throw new InvalidInputError({
        message: spec.tasks
          ? `${settings.model} takes task ${spec.tasks.map((task) => `"${task}"`).join(', ')}, not "${plan.task}".`
          : `${settings.model} takes no task, but the call asked for "${plan.task}"; drop the task option.`,
      });
    }
    return plan.task;
  }
  if (spec === undefined) return settings.task;
  if (plan.purpose === 'query') return spec.queryTask;
  if (plan.purpose === 'document') return spec.documentTask;
  return settings.task ?? spec.documentTask;
}
