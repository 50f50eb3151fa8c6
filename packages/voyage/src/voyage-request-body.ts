import { type EmbedPurpose, InvalidInputError } from '@embedkit/core';
import type { VoyageModelSpec } from './voyage-models.js';
import type { ResolvedVoyageSettings } from './voyage-settings.js';

/** The `output_dtype` values: float vectors, or quantised ones. */
export type VoyageOutputDtype = 'float' | 'int8' | 'uint8' | 'binary' | 'ubinary';

/** What one `/v1/embeddings` request asks for. */
export interface VoyageRequestPlan {
  readonly settings: ResolvedVoyageSettings;
  readonly spec: VoyageModelSpec | undefined;
  readonly inputs: readonly string[];
  readonly purpose: EmbedPurpose;
  /** Per-call `input_type` override (`EmbedOptions.task`): `document` or `query`. */
  readonly task?: string;
  readonly dtype: VoyageOutputDtype;
}

/**
 * Builds the `/v1/embeddings` body with only the fields the model takes: `input_type` for the
 * purpose (none for `embed()` unless configured: the API's `null`), `output_dimension` only when
 * `dimensions` is set and the model offers it, `output_dtype` only for quantised calls,
 * `encoding_format: "base64"` unless JSON floats were asked for, `truncation` only when set.
 */
export function buildVoyageBody(plan: VoyageRequestPlan): Record<string, unknown> {
  const { settings, spec } = plan;
  const body: Record<string, unknown> = { model: settings.model, input: plan.inputs };
  const inputType = inputTypeFor(plan);
  if (inputType !== null) body.input_type = inputType;
  if (settings.truncation !== undefined) body.truncation = settings.truncation;
  if (settings.dimensions !== undefined && (spec === undefined || spec.dimensions !== undefined)) {
    body.output_dimension = settings.dimensions;
  }
  if (plan.dtype !== 'float') body.output_dtype = plan.dtype;
  if ((settings.encodingFormat ?? 'base64') === 'base64') body.encoding_format = 'base64';
  return body;
}

function inputTypeFor(plan: VoyageRequestPlan): 'document' | 'query' | null {
  if (plan.task !== undefined) {
    if (plan.task !== 'document' && plan.task !== 'query') {
      throw new InvalidInputError({
        message: `Voyage takes input_type "document" or "query", not "${plan.task}"; fix the task option.`,
      });
    }
    return plan.task;
  }
  if (plan.purpose === 'query') return 'query';
  if (plan.purpose === 'document') return 'document';
  return plan.settings.inputType ?? null;
}
