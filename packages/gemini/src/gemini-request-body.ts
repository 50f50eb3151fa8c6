import { type GeminiInput, inputParts } from './gemini-input.js';

/** What one `batchEmbedContents` call asks for. */
export interface GeminiRequestPlan {
  /** Model id without the `models/` prefix. */
  readonly model: string;
  readonly inputs: readonly GeminiInput[];
  readonly taskType: string;
  /** `outputDimensionality`, only when configured. */
  readonly dimensions: number | undefined;
}

/**
 * Builds the `batchEmbedContents` body: one `EmbedContentRequest` per input carrying exactly the
 * fields the API defines — `model` (matching the URL), `content.parts[].text`, `taskType`,
 * `title` only for RETRIEVAL_DOCUMENT inputs that have one, `outputDimensionality` only when set.
 */
export function buildBatchBody(plan: GeminiRequestPlan): { requests: Record<string, unknown>[] } {
  const model = `models/${plan.model}`;
  return {
    requests: plan.inputs.map((input) => {
      const { text, title } = inputParts(input);
      const request: Record<string, unknown> = {
        model,
        content: { parts: [{ text }] },
        taskType: plan.taskType,
      };
      if (title !== undefined && plan.taskType === 'RETRIEVAL_DOCUMENT') request.title = title;
      if (plan.dimensions !== undefined) request.outputDimensionality = plan.dimensions;
      return request;
    }),
  };
}
