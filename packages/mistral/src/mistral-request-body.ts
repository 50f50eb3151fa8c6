import type { MistralModelSpec, MistralQuantizedType } from './mistral-models.js';

/** What one embeddings request asks for. */
export interface MistralRequestPlan {
  readonly model: string;
  readonly spec: MistralModelSpec | undefined;
  readonly inputs: readonly string[];
  readonly dimensions: number | undefined;
  /** `float` vectors (in `encodingFormat`), or an integer `output_dtype`. */
  readonly output: 'float' | MistralQuantizedType;
  readonly encodingFormat: 'base64' | 'float';
}

/**
 * Builds the `/v1/embeddings` body with only fields the model takes: `output_dimension` when
 * configured (never for mistral-embed, refused at construction), `output_dtype` only for integer
 * outputs (float is the default), `encoding_format` only for float output.
 */
export function buildEmbeddingsBody(plan: MistralRequestPlan): Record<string, unknown> {
  const body: Record<string, unknown> = { model: plan.model, input: plan.inputs };
  if (
    plan.dimensions !== undefined &&
    (plan.spec === undefined || plan.spec.dimensions !== undefined)
  ) {
    body.output_dimension = plan.dimensions;
  }
  if (plan.output === 'float') body.encoding_format = plan.encodingFormat;
  else body.output_dtype = plan.output;
  return body;
}
