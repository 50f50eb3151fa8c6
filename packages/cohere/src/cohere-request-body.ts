import { type EmbedPurpose, InvalidInputError } from '@embedkit/core';
import { type CohereInput, inputText, toWireInput } from './cohere-input.js';
import { type CohereModelSpec, cohereAcceptsField } from './cohere-models.js';
import {
  type CohereInputType,
  cohereInputTypes,
  type ResolvedCohereSettings,
} from './cohere-settings.js';

/** How vectors come back: float vectors (base64 or JSON), or one of the quantised types. */
export type CohereOutputType = 'base64' | 'float' | 'int8' | 'uint8' | 'binary' | 'ubinary';

/** What one `/v2/embed` request asks for. */
export interface CohereRequestPlan {
  readonly settings: ResolvedCohereSettings;
  readonly spec: CohereModelSpec | undefined;
  readonly inputs: readonly CohereInput[];
  readonly purpose: EmbedPurpose;
  /** Per-call `input_type` override (`EmbedOptions.task`). */
  readonly task?: string;
  readonly output: CohereOutputType;
}

/**
 * Builds the `/v2/embed` body with exactly the fields the model takes: `texts` when every input is
 * text, else `inputs` (text and image parts); `input_type` for the purpose; one `embedding_types`
 * entry; `output_dimension` only for models with Matryoshka lengths; `truncate` only when set.
 */
export function buildCohereBody(plan: CohereRequestPlan): Record<string, unknown> {
  const { settings, spec } = plan;
  const texts = plan.inputs.map(inputText);
  const body: Record<string, unknown> = { model: settings.model };
  if (texts.every((text) => text !== undefined)) body.texts = texts;
  else body.inputs = plan.inputs.map(toWireInput);
  body.input_type = inputTypeFor(plan);
  body.embedding_types = [plan.output];
  if (settings.dimensions !== undefined && cohereAcceptsField(spec, 'output_dimension')) {
    body.output_dimension = settings.dimensions;
  }
  if (settings.truncate !== undefined) body.truncate = settings.truncate;
  return body;
}

/** The `input_type` of a request: the override, else the purpose's, else the configured one. */
function inputTypeFor(plan: CohereRequestPlan): CohereInputType {
  if (plan.task !== undefined) {
    if (!(cohereInputTypes as readonly string[]).includes(plan.task)) {
      throw new InvalidInputError({
        message: `Cohere takes input_type ${cohereInputTypes.map((type) => `"${type}"`).join(', ')}, not "${plan.task}"; fix the task option.`,
      });
    }
    return plan.task as CohereInputType;
  }
  if (plan.purpose === 'query') return 'search_query';
  if (plan.purpose === 'document') return 'search_document';
  return plan.settings.inputType ?? 'search_document';
}
